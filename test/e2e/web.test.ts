/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createToken } from '../../src/access/token.service';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { freePort } from '../helpers/server-process';
import { ensureWebBuild, findChromium, guard, INSTALL_HINT, launchChromium, signIn } from './browser';

/**
 * The web app at /app in a real Chromium against the real server process on 127.0.0.1,
 * signed in with tokens made by the project's token service. Runs when a Chromium is
 * installed; CI sets E2E_REQUIRED=1 so that a missing browser fails instead of skipping.
 * Screenshots go to docs/screenshots with UPDATE_SCREENSHOTS=1 (else a temp folder).
 */
const CHROMIUM = findChromium();
const REQUIRED = process.env.E2E_REQUIRED === '1';
if (!CHROMIUM && !REQUIRED) {
  process.stderr.write(`\n[e2e] SKIPPED the browser tests of the web app (test/e2e): no Chromium found. ${INSTALL_HINT}\n\n`);
}
const describeBrowser = CHROMIUM ? describe : describe.skip;

if (!CHROMIUM && REQUIRED) {
  it('finds a Chromium (E2E_REQUIRED=1)', () => {
    throw new Error(`E2E_REQUIRED=1 but no Chromium was found. ${INSTALL_HINT}`);
  });
}

const SHOTS =
  process.env.UPDATE_SCREENSHOTS === '1' ? join(__dirname, '../../docs/screenshots') : mkdtempSync(join(tmpdir(), 'fazhi-shots-'));
const OTHER_UNITS = ['王顶堤街', '南开区', '天津市', '滨海新区', '塘沽街道', '胡家园街', '山东省', '淄博市', '临淄区', '稷下街道'];

let db: TestDatabase;
let server: ServerProcess;
let base: string;
let browser: Browser;
let context: BrowserContext;
let checks: Awaited<ReturnType<typeof guard>>;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let graphqlBodies: string[] = [];

async function api<T = any>(query: string, variables: Record<string, unknown> = {}, token = tokens.admin): Promise<T> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function newPage(token: string, path: string, inContext: BrowserContext = context): Promise<Page> {
  const page = await inContext.newPage();
  page.on('request', (request) => {
    if (request.url().endsWith('/graphql') && request.method() === 'POST') graphqlBodies.push(request.postData() ?? '');
  });
  await signIn(page, base, token, path);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

describeBrowser('the web app in Chromium', () => {
  beforeAll(async () => {
    ensureWebBuild();
    db = await createTestDatabase();
    await loadSeeds(db.dataSource, db.lock);
    for (const [key, role, unit] of [
      ['admin', 'ADMIN', null],
      ['reviewer', 'REVIEWER', '南开区'],
      ['wanxing', 'UNIT', '万兴街'],
    ] as const) {
      const created = await createToken(db.dataSource, { name: `e2e-${key}`, role, unit, actor: 'test' });
      if (!created.ok) throw new Error(JSON.stringify(created.errors));
      tokens[key] = created.value.secret;
    }
    const env: Record<string, string> =
      db.database.type === 'sqlite' ? { SQLITE_PATH: db.database.path, DATABASE_URL: '' } : { DATABASE_URL: db.database.url };
    const port = await freePort();
    server = await startServerProcess(env, port);
    base = `http://127.0.0.1:${port}`;
    const units = await api(`{ units(first: 100) { edges { node { id name } } } }`);
    for (const e of units.units.edges) ids[e.node.name] = e.node.id;
    browser = await launchChromium(CHROMIUM as string);
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    checks = await guard(context);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await db?.close();
  });

  it('signs in with a token and shows the role and scope', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/app/`);
    await shot(page, 'signin');
    await page.locator('#token').fill(tokens.reviewer!);
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-testid="role"]').textContent()).resolves.toBe('审核员');
    await expect(page.locator('[data-testid="scope"]').textContent()).resolves.toBe('南开区（区）');
    expect(await page.evaluate(() => sessionStorage.getItem('fazhi.token'))).toBe(tokens.reviewer);
    await page.getByRole('link', { name: '覆盖热力图' }).first().waitFor();
    await expect(page.locator('main').textContent()).resolves.toMatch(/南开区.*2022年：覆盖热力图/);
    await shot(page, 'home');
    await page.close();
  });

  it('district view: every cell shows the status coverageMatrix gives, from one matrix request', async () => {
    const year = 2022;
    const expected = await api(
      `query($id: ID!, $year: Int!) { coverageMatrix(parentUnitId: $id, year: $year) {
         columns { code } rows { rank hasReport unit { name } proposed { covered assessable } cells { code status } } } }`,
      { id: ids['南开区'], year },
      tokens.reviewer,
    );
    graphqlBodies = [];
    const page = await newPage(tokens.reviewer!, `/app/district/${ids['南开区']}/${year}`);
    await page.locator('table.matrix[data-rendered="1"]').waitFor();
    expect(graphqlBodies.filter((b) => b.includes('coverageMatrix'))).toHaveLength(1);
    // reloaded with the session: the matrix request starts beside the sign-in check, still once
    graphqlBodies = [];
    await page.reload();
    await page.locator('table.matrix[data-rendered="1"]').waitFor();
    expect(graphqlBodies.filter((b) => b.includes('coverageMatrix'))).toHaveLength(1);
    expect(graphqlBodies.filter((b) => b.includes('viewer'))).toHaveLength(1);

    const shown = await page.$$eval('table.matrix tbody tr', (rows) =>
      rows.map((tr) => ({
        unit: (tr as HTMLElement).dataset.unit,
        missing: tr.querySelector('[data-testid="report-missing"]') !== null,
        coverage: tr.querySelectorAll('td.num')[1]?.textContent,
        cells: [...tr.querySelectorAll('td.cell')].map((td) => ({
          code: (td as HTMLElement).dataset.code,
          status: (td as HTMLElement).dataset.status,
          letter: td.textContent,
          href: td.querySelector('a')?.getAttribute('href'),
        })),
      })),
    );
    const rows = expected.coverageMatrix.rows;
    expect(shown.map((r) => r.unit).sort()).toEqual(rows.map((r: any) => r.unit.name).sort());
    const letters: Record<string, string> = {
      COVERED: '✓',
      PARTIAL: '½',
      PLANNED_ONLY: '计',
      NEGATIVE_ONLY: '短',
      MISSING: '缺',
      NOT_APPLICABLE: '免',
    };
    for (const row of rows) {
      const ui = shown.find((r) => r.unit === row.unit.name)!;
      expect(ui.missing).toBe(!row.hasReport);
      expect(ui.coverage).toContain(`${row.proposed.covered}/${row.proposed.assessable}`);
      expect(ui.cells.map((c) => [c.code, c.status, c.letter])).toEqual(row.cells.map((c: any) => [c.code, c.status, letters[c.status]]));
      expect(ui.cells[0]?.href).toBe(`/app/unit/${ids[row.unit.name]}/${year}?item=${row.cells[0].code}`);
    }
    expect(shown.some((r) => r.missing)).toBe(true); // 王顶堤街 sent no 2022 report
    // ranked by score: the unit with a report first
    expect(shown[0]?.unit).toBe('万兴街');
    // item titles on hover
    await expect(page.locator('th.code', { hasText: '7.4' }).getAttribute('title')).resolves.toMatch(/^7\.4 \S+/);
    await shot(page, 'district');

    // filters: part 7 keeps its items only; REPORT_MISSING keeps the unit without a report
    await page.locator('[data-testid="part-filter"]').selectOption('7');
    const codes = await page.$$eval('th.code', (ths) => ths.map((th) => th.textContent ?? ''));
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith('7.'))).toBe(true);
    await page.locator('[data-testid="flag-filter"]').selectOption('REPORT_MISSING');
    await expect(page.$$eval('table.matrix tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.unit))).resolves.toEqual([
      '王顶堤街',
    ]);
    await page.close();
  });

  it('unit-year view of 万兴街 2022: the 出庭应诉率 claim highlight reads the report text with 100%', async () => {
    const data = await api(
      `query($id: ID!) { assessment(unitId: $id, year: 2022) { report { rawText claims { localId start end polarity metrics { metric } } } items(filter: { codes: ["7.4"] }) { status } } }`,
      { id: ids['万兴街'] },
    );
    const { rawText, claims } = data.assessment.report;
    const claim = claims.find((c: any) => c.metrics.some((m: any) => m.metric === 'COURT_APPEARANCE_RATE'));
    expect(claim).toBeDefined();
    const page = await newPage(tokens.reviewer!, `/app/unit/${ids['万兴街']}/2022?item=7.4`);
    const mark = page.locator(`mark[data-claim="${claim.localId}"]`);
    const text = await mark.textContent();
    expect(text).toBe(rawText.slice(claim.start, claim.end));
    expect(text).toContain('100%');
    expect(text).toMatch(/出庭应诉/);
    await expect(mark.getAttribute('data-polarity')).resolves.toBe(claim.polarity);
    // every claim's highlight is exactly its slice of the raw text
    const marks = await page.$$eval('[data-report-text] mark', (ms) => ms.map((m) => [(m as HTMLElement).dataset.claim, m.textContent]));
    expect(marks).toEqual(claims.map((c: any) => [c.localId, rawText.slice(c.start, c.end)]));
    // the item linked from the heat-map is focused, with its status and explanation
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('item-7.4');
    await expect(page.locator('#item-7\\.4').getAttribute('data-status')).resolves.toBe(data.assessment.items[0].status);
    await expect(page.locator('#item-7\\.4 .explanation').textContent()).resolves.toMatch(/7\.4/);
    await expect(page.locator('[data-testid="yoy-score"]').textContent()).resolves.toMatch(/→/);
    await shot(page, 'unit-year');
    await page.close();
  });

  it('review queue: accepting a link raises confirmed coverage, rejecting one changes the proposed status, a stale decision says so', async () => {
    const unitId = ids['万兴街'];
    const coverage = async () =>
      (
        await api(
          `query($id: ID!) { assessment(unitId: $id, year: 2022) { coverage { confirmed { covered partial } proposed { covered partial } } } }`,
          { id: unitId },
        )
      ).assessment.coverage;
    const before = await coverage();
    const page = await newPage(tokens.reviewer!, `/app/review/${unitId}/2022`);
    const confirmed = page.locator('[data-testid="confirmed-coverage"]');
    await expect(confirmed.getAttribute('data-covered')).resolves.toBe(String(before.confirmed.covered));
    // the links whose decision would change a status come first
    const flags = await page.$$eval('.queue-row', (rows) =>
      rows.map((r) => (r as HTMLElement).dataset.acceptChanges === 'true' || (r as HTMLElement).dataset.rejectChanges === 'true'),
    );
    expect(flags[0]).toBe(true);
    expect(flags.indexOf(false) === -1 || flags.slice(flags.indexOf(false)).every((f) => !f)).toBe(true);
    await shot(page, 'review');

    // accept, with the keyboard
    const toAccept = page.locator('.queue-row[data-polarity="POSITIVE"][data-accept-changes="true"]').first();
    const acceptedId = await toAccept.getAttribute('data-link-id');
    await toAccept.getByRole('button', { name: '接受' }).focus();
    await page.keyboard.press('Enter');
    await page.locator(`.queue-row[data-link-id="${acceptedId}"]`).waitFor({ state: 'detached' });
    const afterAccept = await coverage();
    expect(afterAccept.confirmed.covered + afterAccept.confirmed.partial).toBeGreaterThan(
      before.confirmed.covered + before.confirmed.partial,
    );
    await expect(confirmed.getAttribute('data-covered')).resolves.toBe(String(afterAccept.confirmed.covered));
    await expect(confirmed.getAttribute('data-partial')).resolves.toBe(String(afterAccept.confirmed.partial));

    // reject with a reason: the item loses its only positive evidence
    const toReject = page.locator('.queue-row[data-polarity="POSITIVE"][data-reject-changes="true"]').first();
    const rejectedId = (await toReject.getAttribute('data-link-id')) as string;
    const rejectedItem = await toReject.getAttribute('data-item');
    await toReject.getByRole('button', { name: '驳回' }).click();
    await expect(toReject.getByRole('alert').textContent()).resolves.toContain('驳回需要填写理由');
    await toReject.getByLabel('驳回理由').fill('表述与条目无关');
    await toReject.getByRole('button', { name: '驳回' }).click();
    await page.locator(`.queue-row[data-link-id="${rejectedId}"]`).waitFor({ state: 'detached' });
    const link = await api(`query($id: ID!) { node(id: $id) { ... on EvidenceLink { state reason } } }`, { id: rejectedId });
    expect(link.node).toEqual({ state: 'REJECTED', reason: '表述与条目无关' });
    const afterReject = await coverage();
    expect(afterReject.proposed).not.toEqual(afterAccept.proposed);
    await expect(page.locator('[data-testid="proposed-coverage"]').textContent()).resolves.toContain(`${afterReject.proposed.covered}/`);
    expect(rejectedItem).toBeTruthy();

    // add a link by selecting text in the report: the claim under the selection is chosen
    const target = page.locator('[data-report-text] mark[data-polarity="POSITIVE"]').last();
    const claimId = await target.getAttribute('data-claim-id');
    await target.evaluate((mark) => {
      const range = document.createRange();
      range.selectNodeContents(mark.firstChild as Node);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      mark.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    });
    await expect(page.locator('[data-testid="add-claim"]').inputValue()).resolves.toBe(claimId);
    await page.locator('[data-testid="add-item"]').selectOption({ label: '1.1 学习贯彻习近平法治思想' });
    await page.getByRole('button', { name: '添加佐证' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('已添加佐证。');
    const added = await api(`query($id: ID!) { node(id: $id) { ... on Claim { links { method state item { code } } } } }`, { id: claimId });
    expect(added.node.links).toContainEqual({ method: 'MANUAL', state: 'ACCEPTED', item: { code: '1.1' } });

    // someone else decides a link first: the page says so
    const staleId = await page.locator('.queue-row').first().getAttribute('data-link-id');
    const stale = page.locator(`.queue-row[data-link-id="${staleId}"]`);
    await api(`mutation($id: ID!) { reviewEvidenceLink(input: { linkId: $id, action: ACCEPT }) { userErrors { code } } }`, { id: staleId });
    await stale.getByRole('button', { name: '接受' }).click();
    await expect(stale.getByRole('alert').textContent()).resolves.toContain('其他人已处理此项：请刷新');
    await page.close();
  });

  it('gaps list: most severe first, each linking to its unit-year view, and the workbook download', async () => {
    const page = await newPage(tokens.reviewer!, `/app/gaps/${ids['南开区']}/2022`);
    await page.locator('[data-testid="gaps"]').waitFor();
    const expected = await api(
      `query($id: ID!) { flags(first: 200, filter: { unitIds: [$id], year: 2022, codes: [NO_EVIDENCE, TARGET_NOT_MET, ONLY_PLANNED, REPORT_MISSING] }) { totalCount } }`,
      { id: ids['南开区'] },
      tokens.reviewer,
    );
    const rows = await page.$$eval('[data-testid="gaps"] tbody tr', (trs) =>
      trs.map((tr) => ({
        code: (tr as HTMLElement).dataset.code,
        severity: (tr as HTMLElement).dataset.severity,
        href: tr.querySelector('a')?.getAttribute('href'),
      })),
    );
    expect(rows).toHaveLength(expected.flags.totalCount);
    const rank = { ERROR: 0, WARNING: 1, INFO: 2 } as Record<string, number>;
    expect(rows.map((r) => rank[r.severity!])).toEqual([...rows.map((r) => rank[r.severity!])].sort((a, b) => a! - b!));
    expect(rows.find((r) => r.code === 'REPORT_MISSING')?.href).toBe(`/app/unit/${ids['王顶堤街']}/2022`);
    expect(rows.every((r) => ['NO_EVIDENCE', 'TARGET_NOT_MET', 'ONLY_PLANNED', 'REPORT_MISSING'].includes(r.code!))).toBe(true);
    expect(rows.some((r) => r.code === 'NO_EVIDENCE')).toBe(true);
    await page.getByRole('button', { name: '生成工作簿（XLSX）' }).click();
    const download = page.locator('[data-testid="download"]');
    await expect(download.getAttribute('href')).resolves.toMatch(/^\/downloads\//);
    const response = await page.request.get(`${base}${await download.getAttribute('href')}`);
    expect(response.status()).toBe(200);
    expect((await response.body()).subarray(0, 2).toString()).toBe('PK'); // a zip: the .xlsx
    await shot(page, 'gaps');
    await page.close();
  });

  it('works with the keyboard alone: home → heat-map → a cell → its item', async () => {
    const page = await newPage(tokens.reviewer!, '/app/');
    const focusLink = async (text: string | RegExp) => {
      for (let i = 0; i < 200; i += 1) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent ?? '');
        if (typeof text === 'string' ? focused === text : text.test(focused)) return;
      }
      throw new Error(`no focusable element reads ${text}`);
    };
    await focusLink('覆盖热力图');
    await page.keyboard.press('Enter');
    await page.locator('table.matrix[data-rendered="1"]').waitFor();
    await focusLink(/^[✓½计短缺免]$/);
    await page.keyboard.press('Enter');
    await page.locator('.item:focus').waitFor();
    expect(page.url()).toMatch(/\/app\/unit\/.+\/\d{4}\?item=/);
    await page.close();
  });

  it('a UNIT token for 万兴街 sees no other unit anywhere in the app', async () => {
    // its own browser context: the server refuses out-of-scope ids with HTTP 400, which
    // Chromium reports on the console; those are the only console messages allowed here
    const unitContext = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    const unitChecks = await guard(unitContext);
    const page = await newPage(tokens.wanxing!, '/app/', unitContext);
    await expect(page.locator('[data-testid="scope"]').textContent()).resolves.toBe('万兴街（街道）');
    const visibleText = () =>
      page.evaluate(() => {
        const clone = document.body.cloneNode(true) as HTMLElement;
        clone.querySelectorAll('[data-report-text]').forEach((e) => e.remove()); // the unit's own report, verbatim
        return clone.innerText;
      });
    const seen: string[] = [];
    const visit = async (path: string, ready: string) => {
      await page.evaluate((p) => {
        history.pushState(null, '', p);
        dispatchEvent(new PopStateEvent('popstate'));
      }, path);
      await page.locator(ready).first().waitFor();
      seen.push(await visibleText());
    };
    await page.getByRole('link', { name: '报告与考核' }).first().waitFor();
    seen.push(await visibleText());
    await shot(page, 'unit-token');
    await visit(`/app/unit/${ids['万兴街']}/2022`, '.item');
    await visit(`/app/unit/${ids['王顶堤街']}/2023`, '[role="alert"]');
    await visit(`/app/district/${ids['南开区']}/2022`, '[role="alert"]');
    await visit(`/app/gaps/${ids['南开区']}/2022`, '[role="alert"]');
    await visit(`/app/review/${ids['万兴街']}/2022`, '[role="alert"]');
    expect(seen[0]).toContain('万兴街');
    for (const text of seen) for (const other of OTHER_UNITS) expect(text).not.toContain(other);
    expect(unitChecks.external).toEqual([]);
    const refusedPages = [`/app/unit/${ids['王顶堤街']}/2023`, `/app/district/${ids['南开区']}/2022`];
    for (const message of unitChecks.consoleErrors) {
      expect(message).toMatch(/: Failed to load resource: the server responded with a status of 400/);
      expect(refusedPages.some((p) => message.includes(`${p}: `))).toBe(true);
    }
    await unitContext.close();
  });

  it('made no request beyond 127.0.0.1 and logged no console error', () => {
    expect(checks.external).toEqual([]);
    expect(checks.consoleErrors).toEqual([]);
  });
});
