import { loadChecklistFile } from '../../../src/checklist/checklist-file';
import { RULES_ONLY_MODEL } from '../../../src/evidence/pipeline';
import {
  closeAnalysisPool,
  IN_WORKER_BYTES,
  IN_WORKER_CLAIMS,
  matchReportOffThread,
  prepareReportInPool,
  readReportOffThread,
} from '../../../src/pipeline/analysis-pool';
import { matchReport, readReport } from '../../../src/pipeline/report-pipeline';
import { seedReport } from '../../helpers/seeds';

afterAll(() => closeAnalysisPool());

describe('reading and matching a large report in a worker thread', () => {
  it('gives the same analysis and links as in-process, and keeps the event loop free meanwhile', async () => {
    const one = seedReport('万兴街').raw;
    const text = Array.from({ length: 12 }, (_, i) => `${one}\n（附${i + 1}）\n`).join('\n');
    expect(Buffer.byteLength(text)).toBeGreaterThan(IN_WORKER_BYTES);
    const hint = { unit: '万兴街', year: 2022, knownUnits: [{ name: '万兴街', aliases: ['万兴街道'] }] };
    const checklist = { definition: loadChecklistFile('seeds/checklist.yaml').checklist!, model: RULES_ONLY_MODEL };

    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    const analysis = await readReportOffThread(text, hint);
    const links = await matchReportOffThread(analysis, checklist);
    clearInterval(ticker);

    const inProcess = readReport(text, hint);
    expect(analysis.claims.length).toBeGreaterThan(IN_WORKER_CLAIMS);
    expect(analysis).toEqual(inProcess);
    expect(links).toEqual(matchReport(inProcess.claims, inProcess.metrics, checklist));
    expect(links.length).toBeGreaterThan(0);
    expect(ticks).toBeGreaterThan(0); // timers ran while the worker worked
  }, 60_000);

  it('reads a small report in-process', async () => {
    const text = seedReport('万兴街').raw;
    expect(await readReportOffThread(text, { unit: '万兴街', year: 2022 })).toEqual(readReport(text, { unit: '万兴街', year: 2022 }));
  });

  it('prepares a folder ingest report in the pool: read against the context registry, matched against the checklists of its year', async () => {
    const definition = loadChecklistFile('seeds/checklist.yaml').checklist!;
    const checklist = { definition, model: RULES_ONLY_MODEL };
    const known = [
      { name: '万兴街', aliases: ['万兴街道'] },
      { name: '王顶堤街', aliases: ['王顶堤街道'] },
    ];
    const context = {
      key: 'test-registry-1',
      value: {
        known,
        checklists: [
          { id: 7, yearFrom: 2021, yearTo: 2025, pipeline: checklist },
          { id: 8, yearFrom: 2010, yearTo: 2012, pipeline: checklist },
        ],
      },
    };
    const texts = ['万兴街', '王顶堤街'].map((unit) => seedReport(unit).raw);
    // more tasks than workers: each worker deserialises the shared context once
    const prepared = await Promise.all([...texts, ...texts].map((text) => prepareReportInPool(text, {}, context)));
    prepared.forEach((p, i) => {
      const inProcess = readReport(texts[i % 2]!, { knownUnits: known });
      expect(p.analysis).toEqual(inProcess);
      expect(inProcess.unit?.name).toBe(['万兴街', '王顶堤街'][i % 2]);
      // only the version covering the year read from the text
      expect(p.matched).toEqual([{ checklistId: 7, links: matchReport(inProcess.claims, inProcess.metrics, checklist) }]);
      expect(p.matched[0]!.links.length).toBeGreaterThan(0);
    });
  }, 60_000);
});
