/**
 * `npm run bench:web`: how long the district heat-map takes in a real Chromium, from
 * navigation start to the table rendered (the app's `fazhi:district-rendered` mark), for
 * the demo district (南开区 2022) and for the bench corpus's 200-unit district × 31 items.
 * A temporary SQLite database; the server in this process on 127.0.0.1, port 0. Also prints
 * the gzipped size of the built app. Not a test: numbers for the README.
 */
import 'reflect-metadata';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createDataSource } from '../src/app/data-source';
import { createToken } from '../src/access/token.service';
import { loadConfig, type DatabaseConfig } from '../src/config';
import { runWrite, WriteLock } from '../src/db/write-lock';
import { ingestReport } from '../src/pipeline/ingest.service';
import { loadSeeds } from '../src/seeds/load-seeds';
import { startServer } from '../src/server';
import { projectRoot } from '../src/common/project-root';
import { Unit } from '../src/units/unit.entity';
import { upsertUnits } from '../src/units/unit.service';
import { findChromium, INSTALL_HINT, launchChromium } from '../test/e2e/browser';
import { buildCorpus, generateReportText } from './corpus';

const RUNS = 5;

function builtSize(): { files: number; raw: number; gzip: number } {
  const dir = join(projectRoot(), 'dist', 'web');
  const files = [join(dir, 'index.html'), ...readdirSync(join(dir, 'assets')).map((f) => join(dir, 'assets', f))];
  const data = files.map((f) => readFileSync(f));
  return {
    files: files.length,
    raw: data.reduce((s, d) => s + d.length, 0),
    gzip: data.reduce((s, d) => s + gzipSync(d, { level: 9 }).length, 0),
  };
}

/** The upper middle of sorted values (NaN for none). */
function middle(sorted: readonly number[]): number {
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  const chromium = findChromium();
  if (!chromium) {
    process.stderr.write(`bench:web needs a Chromium. ${INSTALL_HINT}\n`);
    process.exit(2);
  }
  const size = builtSize();
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-web-bench-'));
  const database: DatabaseConfig = { type: 'sqlite', path: join(dir, 'bench.sqlite') };
  const ds = createDataSource(database);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  const lock = new WriteLock();
  await loadSeeds(ds, lock);
  const corpus = buildCorpus({ units: 200, years: 1, matrixDistrictUnits: 200 });
  await runWrite(ds, lock, (m) => upsertUnits(m, corpus.units));
  const t0 = Date.now();
  for (const spec of corpus.reports) {
    const result = await ingestReport(
      ds,
      lock,
      { text: generateReportText(corpus, spec), unit: spec.unit, year: spec.year, source: `bench/${spec.unit}.txt`, actor: 'bench' },
      { maxReportBytes: 5 * 1024 * 1024 },
    );
    if (!result.ok) throw new Error(`ingest of ${spec.unit} failed: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  process.stdout.write(`ingested ${corpus.reports.length} bench reports in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const token = await createToken(ds, { name: 'web-bench', role: 'ADMIN', actor: 'bench' });
  if (!token.ok) throw new Error('token');
  const unitId = async (name: string) => {
    const unit = await ds.getRepository(Unit).findOneByOrFail({ name });
    return Buffer.from(`Unit:${unit.id}`).toString('base64');
  };
  const targets = [
    { label: 'demo district 南开区 2022', id: await unitId('南开区'), year: 2022 },
    { label: `bench district ${corpus.matrixDistrict} ${corpus.years[0]}`, id: await unitId(corpus.matrixDistrict), year: corpus.years[0] },
  ];

  const config = { ...loadConfig({}), port: 0, host: '127.0.0.1', database };
  const server = await startServer({ dataSource: ds, lock, config });
  const base = server.url.replace(/\/graphql$/, '');
  const browser = await launchChromium(chromium);
  const version = browser.version();
  const lines: string[] = [];
  try {
    for (const target of targets) {
      const times: number[] = [];
      const answered: number[] = [];
      const committed: number[] = [];
      const laidOut: number[] = [];
      let cells = 0;
      let rows = 0;
      let matrixRequests = 0;
      for (let run = 0; run <= RUNS; run += 1) {
        // a fresh context each time: nothing cached, as on a first visit
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        await context.addInitScript({ content: `sessionStorage.setItem('fazhi.token', ${JSON.stringify(token.value.secret)});` });
        const page = await context.newPage();
        let requests = 0;
        page.on('request', (r) => {
          if (r.method() === 'POST' && (r.postData() ?? '').includes('coverageMatrix')) requests += 1;
        });
        await page.goto(`${base}/app/district/${target.id}/${target.year}`);
        await page.locator('table.matrix[data-rendered="1"]').waitFor({ timeout: 60_000 });
        const [ms, committedAt, laidOutAt, matrixAt] = await page.evaluate(() => {
          const rendered = performance.getEntriesByName('fazhi:district-rendered')[0]?.startTime ?? NaN;
          const committed = performance.getEntriesByName('fazhi:district-committed')[0]?.startTime ?? NaN;
          const laidOut = performance.getEntriesByName('fazhi:district-laid-out')[0]?.startTime ?? NaN;
          const graphql = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/graphql'));
          return [rendered, committed, laidOut, Math.max(...graphql.map((e) => (e as unknown as { responseEnd: number }).responseEnd))];
        });
        if (run > 0) answered.push(matrixAt);
        if (run > 0) committed.push(committedAt);
        if (run > 0) laidOut.push(laidOutAt);
        cells = await page.locator('td.cell').count();
        rows = await page.locator('table.matrix tbody tr').count();
        matrixRequests = requests;
        if (run > 0) times.push(ms); // run 0 warms the server up
        await context.close();
      }
      times.sort((a, b) => a - b);
      answered.sort((a, b) => a - b);
      committed.sort((a, b) => a - b);
      laidOut.sort((a, b) => a - b);
      lines.push(
        `${target.label}: ${rows} units × ${cells / Math.max(rows, 1)} items (${cells} cells), ${matrixRequests} coverageMatrix request: ` +
          `median ${Math.round(middle(times))} ms, max ${Math.round(times.at(-1) ?? NaN)} ms (${RUNS} runs; ` +
          `medians: matrix answer ${Math.round(middle(answered))} ms, DOM built ${Math.round(middle(committed))} ms, laid out ${Math.round(middle(laidOut))} ms)`,
      );
    }
  } finally {
    await browser.close();
    await server.stop();
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`Chromium ${version}, SQLite, navigation start → heat-map rendered:\n${lines.map((l) => `  ${l}\n`).join('')}`);
  process.stdout.write(
    `built app (dist/web, ${size.files} files): ${(size.raw / 1024).toFixed(1)} KB, ${(size.gzip / 1024).toFixed(1)} KB gzipped\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
