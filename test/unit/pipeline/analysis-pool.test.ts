import { loadChecklistFile } from '../../../src/checklist/checklist-file';
import { RULES_ONLY_MODEL } from '../../../src/evidence/pipeline';
import { IN_WORKER_BYTES, IN_WORKER_CLAIMS, matchReportOffThread, readReportOffThread } from '../../../src/pipeline/analysis-pool';
import { matchReport, readReport } from '../../../src/pipeline/report-pipeline';
import { seedReport } from '../../helpers/seeds';

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
});
