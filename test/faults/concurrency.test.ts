import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/app/data-source';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { WriteLock } from '../../src/db/write-lock';
import { EvidenceLink } from '../../src/evidence/evidence-link.entity';
import { reviewLink } from '../../src/pipeline/review.service';
import { ingestReport } from '../../src/pipeline/ingest.service';
import { Report } from '../../src/reports/report.entity';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { Unit } from '../../src/units/unit.entity';
import { seedReport } from '../helpers/seeds';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

/**
 * Two writers as two separate connections (as two server processes would be), each with
 * its own in-process lock: the operations really run at the same time.
 */
let db: TestDatabase;
let other: DataSource;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  other = createDataSource(db.database);
  await other.initialize();
});
afterAll(async () => {
  if (other?.isInitialized) await other.destroy();
  await db?.close();
});

describe('two writers at once', () => {
  it('two concurrent ingests of the same report produce one report', async () => {
    const seed = seedReport('王顶堤街');
    const text = `${seed.raw}\n（补）2024年版本。`;
    const input = { text, unit: '万兴街', year: 2024, source: 'same.txt', actor: 't' };
    const limits = { maxReportBytes: 1e7 };
    const [a, b] = await Promise.all([
      ingestReport(db.dataSource, db.lock, input, limits),
      ingestReport(other, new WriteLock(), input, limits),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect([a.value.created, b.value.created].sort()).toEqual([false, true]);
    expect(a.value.report?.id).toBe(b.value.report?.id);
    const unit = await db.dataSource.getRepository(Unit).findOneOrFail({ where: { name: '万兴街' } });
    expect(await db.dataSource.getRepository(Report).count({ where: { unitId: unit.id, year: 2024 } })).toBe(1);
  });

  it('two reviewers deciding the same link at once: one wins, the trail records both attempts', async () => {
    const link = await db.dataSource.getRepository(EvidenceLink).findOneOrFail({ where: { state: 'PROPOSED' }, order: { id: 'ASC' } });
    const [accept, reject] = await Promise.all([
      reviewLink(db.dataSource, db.lock, { linkId: link.id, action: 'ACCEPT', expectedVersion: link.version, actor: 'reviewer-a' }),
      reviewLink(other, new WriteLock(), {
        linkId: link.id,
        action: 'REJECT',
        reason: 'not evidence',
        expectedVersion: link.version,
        actor: 'reviewer-b',
      }),
    ]);
    expect([accept.ok, reject.ok].filter(Boolean)).toHaveLength(1);
    const loser = accept.ok ? reject : accept;
    expect(!loser.ok && loser.errors[0]?.code).toBe('STALE_VERSION');
    const after = await db.dataSource.getRepository(EvidenceLink).findOneOrFail({ where: { id: link.id } });
    expect(after.version).toBe(link.version + 1);
    expect(after.state).toBe(accept.ok ? 'ACCEPTED' : 'REJECTED');
    const trail = await db.dataSource.getRepository(AuditEntry).find({ where: { entityType: 'EvidenceLink', entityId: link.id } });
    expect(trail.map((t) => `${t.actor}:${t.succeeded}`).sort()).toEqual(
      accept.ok ? ['reviewer-a:true', 'reviewer-b:false'] : ['reviewer-a:false', 'reviewer-b:true'],
    );
  });
});
