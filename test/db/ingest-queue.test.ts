import { join } from 'node:path';
import { createDataSource } from '../../src/app/data-source';
import { runIngestCli } from '../../src/cli/ingest';
import { runIngestQueueCli } from '../../src/cli/ingest-queue';
import { runWorker } from '../../src/cli/worker';
import { WriteLock } from '../../src/db/write-lock';
import { INGEST_QUEUE, openQueue } from '../../src/pipeline/ingest-queue.service';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { TestClient } from '../helpers/graphql';
import { SEED_DIR } from '../helpers/seeds';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db';

/**
 * Bulk ingest as jobs in PostgreSQL (pg-boss): the five seed reports queued by folder (unit and
 * year read from the text), two workers with their own connections drain the queue, every
 * report is stored once and the stored assessments are those of a direct `fazhi ingest` of the
 * same folder; a job that throws is retried and then reported by `--status`. On SQLite the
 * queue commands refuse with exit code 2.
 */
const REPORTS = join(SEED_DIR, 'reports');

function capture() {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
    out: () => out,
    err: () => err,
  };
}

/** What a caller sees of every stored report's assessment, by unit name and year. */
async function assessments(db: TestDatabase): Promise<Record<string, unknown>> {
  const client = new TestClient(db);
  const units = await client.data(`{ units(first: 200) { edges { node { id name reports { year } } } } }`);
  const out: Record<string, unknown> = {};
  for (const { node } of units.units.edges as { node: { id: string; name: string; reports: { year: number }[] } }[]) {
    for (const { year } of node.reports) {
      const a = await client.data(
        `query($u: ID!, $y: Int!) { assessment(unitId: $u, year: $y) {
          checklist { version } coverage { proposed { covered partial assessable } confirmed { covered } }
          score { proposed { normalised } } items { code status } flags { code itemCode } } }`,
        { u: node.id, y: year },
      );
      out[`${node.name} ${year}`] = a.assessment;
    }
  }
  return out;
}

(onPostgres ? describe.skip : describe)('the ingest queue on SQLite', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadSeeds(db.dataSource, db.lock, undefined, { reports: false });
  });
  afterAll(async () => db?.close());

  it('says plainly that queues need PostgreSQL (exit code 2), for --queue and --status', async () => {
    for (const argv of [[REPORTS, '--queue'], ['--status']]) {
      const c = capture();
      expect(await runIngestQueueCli(argv, c.io, db.dataSource)).toBe(2);
      expect(c.err()).toMatch(/队列需要 PostgreSQL：请设置 DATABASE_URL/);
      expect(c.out()).toBe('');
    }
  });
});

(onPostgres ? describe : describe.skip)('the ingest queue on PostgreSQL', () => {
  let queued: TestDatabase;
  let direct: TestDatabase;

  beforeAll(async () => {
    [queued, direct] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await loadSeeds(queued.dataSource, queued.lock, undefined, { reports: false });
    await loadSeeds(direct.dataSource, direct.lock, undefined, { reports: false });
  }, 120_000);
  afterAll(async () => {
    await queued?.close();
    await direct?.close();
  });

  it('two workers drain a batch: each report stored once, the same assessments as a direct ingest; a failing job is retried, then reported', async () => {
    const enqueue = capture();
    expect(await runIngestQueueCli([REPORTS, '--queue'], enqueue.io, queued.dataSource)).toBe(0);
    const batch = /批次 (\S+)：5 个文件已入队/.exec(enqueue.out())?.[1];
    expect(batch).toBeDefined();

    // a job no worker can run (its data is not a file): it must be retried, then kept as failed
    const url = (queued.database as { url: string }).url;
    const boss = await openQueue(url);
    await boss.send(INGEST_QUEUE, { batch: 'broken', file: 'broken.txt' }, { retryLimit: 1, retryDelay: 1, retryBackoff: false });
    await boss.stop({ graceful: false, wait: true });

    const second = createDataSource(queued.database);
    await second.initialize();
    try {
      const worker = (ds: typeof second) =>
        runWorker({ dataSource: ds, lock: new WriteLock(), maxReportBytes: 5 * 1024 * 1024, untilEmpty: true, pollSeconds: 0.5 });
      const tallies = await Promise.all([worker(queued.dataSource), worker(second)]);
      const sum = (k: 'ingested' | 'alreadyIn' | 'refused' | 'errors') => tallies.reduce((n, t) => n + t[k], 0);
      expect(sum('ingested')).toBe(5);
      expect(sum('alreadyIn') + sum('refused')).toBe(0);
      expect(sum('errors')).toBe(2); // the broken job: its try and its one retry
    } finally {
      await second.destroy();
    }

    const [counts] = (await queued.dataSource.query(`SELECT COUNT(*) AS n, COUNT(DISTINCT sha256) AS distinct FROM report`)) as {
      n: string;
      distinct: string;
    }[];
    expect(counts).toEqual({ n: '5', distinct: '5' });

    const status = capture();
    expect(await runIngestQueueCli(['--status'], status.io, queued.dataSource)).toBe(1);
    expect(status.out()).toContain(`批次 ${batch}`);
    expect(status.out()).toMatch(/5\/5 已处理 — 导入 5，已存在 0，拒绝 0，失败 0；等待 0，处理中 0/);
    expect(status.out()).toMatch(/批次 broken.*失败 1/);
    expect(status.out()).toMatch(/失败 broken\.txt \(尝试 2 次\): 作业数据无效/);
    const one = capture();
    expect(await runIngestQueueCli(['--status', '--batch', batch as string], one.io, queued.dataSource)).toBe(0);
    expect(one.out()).not.toContain('broken');

    const plain = capture();
    expect(await runIngestCli([REPORTS], plain.io, { dataSource: direct.dataSource, lock: direct.lock })).toBe(0);
    const expected = await assessments(direct);
    expect(Object.keys(expected)).toHaveLength(5);
    expect(await assessments(queued)).toEqual(expected);
  }, 240_000);
});
