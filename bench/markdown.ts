/**
 * Renders benchmark results (bench/results/*.json) as Markdown tables for bench/README.md:
 * `node dist/bench/markdown.js bench/results/A.json [B.json …]` — one column per file.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { BenchResult, DatabaseResult, LoadResult } from './types';

function row(cells: Array<string | number>): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: string[], rows: Array<Array<string | number>>): string {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
}

/** `coverageMatrix (200 units)` in results written before the load covered every query. */
const loadName = (name: string): string => name.replace(/ \(.*\)$/, '');

const db = (r: BenchResult, type: 'sqlite' | 'postgres'): DatabaseResult | undefined => r.databases.find((d) => d.type === type);

/** One Markdown section comparing runs side by side (a column per run). */
export function toMarkdown(results: Array<{ name: string; result: BenchResult }>): string {
  const header = ['', ...results.map((r) => r.name)];
  const each = (f: (r: BenchResult) => string | number | undefined): Array<string | number> =>
    results.map(({ result }) => f(result) ?? '–');
  const lines: Array<Array<string | number>> = [];
  const add = (label: string, f: (r: BenchResult) => string | number | undefined): void => {
    const values = each(f);
    if (values.some((v) => v !== '–')) lines.push([label, ...values]);
  };
  add(
    'command',
    (r) => `\`${r.command.replace(/^(node dist\/bench\/run\.js|fazhi bench)/, 'npm run bench --').replace(/ --out \S+/, '')}\``,
  );
  add('code', (r) => r.commit);
  add('corpus', (r) => `${r.corpus.reportingUnits} units × ${r.corpus.years.length} years = ${r.corpus.reports} reports`);
  add('load average start → end', (r) => `${r.machine.loadAverage.start} → ${r.machine.loadAverage.end}`);
  add(
    'analysis alone with the known units, MB/s · reports/s',
    (r) => `${r.analysis.mbPerSecond} · ${r.analysis.reportsPerSecond} (${r.analysis.knownUnits} known units)`,
  );
  add('analysis alone, no known units, MB/s', (r) => r.analysis.withoutKnownUnits.mbPerSecond);
  add('reading, unit read from the text, every unit known, MB/s · reports/s', (r) =>
    r.analysis.unitDetected ? `${r.analysis.unitDetected.mbPerSecond} · ${r.analysis.unitDetected.reportsPerSecond}` : undefined,
  );
  add('whole pipeline (read → match → assess), one core, MB/s · reports/s', (r) =>
    r.analysis.pipeline ? `${r.analysis.pipeline.mbPerSecond} · ${r.analysis.pipeline.reportsPerSecond}` : undefined,
  );
  for (const type of ['sqlite', 'postgres'] as const) {
    const name = type === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    add(`ingest + storage ${name}, reports/s · MB/s`, (r) => {
      const d = db(r, type);
      return d
        ? `${d.ingest.reportsPerSecond} · ${d.ingest.mbPerSecond} (${d.ingest.mode === 'folder' ? 'unit read from the text' : 'unit given'})`
        : undefined;
    });
    add(`  per report p50 / p95 ms, SQL statements`, (r) => {
      const d = db(r, type);
      return d ? `${d.ingest.perReportMs.p50} / ${d.ingest.perReportMs.p95}, ${d.ingest.statementsPerReport}` : undefined;
    });
    add(`  first report of a year (creates every unit's assessment), ms`, (r) => db(r, type)?.ingest.firstOfYearMs.join(', '));
    const names = [...new Set(results.flatMap(({ result }) => (db(result, type)?.queries ?? []).map((q) => q.name)))];
    for (const q of names) {
      add(`${name} \`${q}\` p50 / p95 / p99 ms (SQL)`, (r) => {
        const x = db(r, type)?.queries.find((y) => y.name === q);
        return x
          ? `${x.latency.p50} / ${x.latency.p95} / ${x.latency.p99} (${x.statements.min === x.statements.max ? x.statements.min : `${x.statements.min}–${x.statements.max}`})`
          : undefined;
      });
    }
    add(`${name} raw SQL matrix p50 ms; GraphQL ÷ raw`, (r) => {
      const m = db(r, type)?.rawMatrix;
      return m ? `${m.latency.p50}; **${m.ratioP50}×**${m.sameStatuses ? '' : ' (statuses DIFFER)'}` : undefined;
    });
    const loadNames = [...new Set(results.flatMap(({ result }) => (db(result, type)?.load ?? []).map((l) => loadName(l.name))))];
    for (const q of loadNames) {
      add(`${name} load \`${q}\`: req/s, p99 ms, errors, RSS MB (bodies)`, (r) => {
        const l = db(r, type)?.load.find((x) => loadName(x.name) === q);
        return l
          ? `${l.requestsPerSecond}, ${l.latency.p99}, ${l.errors + l.non2xx + l.graphqlErrors + l.timeouts}, ${l.memoryBefore.rssMB} → ${l.memoryAfter.rssMB}${l.bodies ? ` (${l.bodies})` : ''}`
          : undefined;
      });
    }
    add(`${name} peer (\`--peer\`)`, (r) => db(r, type)?.peer?.server);
    const peerNames = [...new Set(results.flatMap(({ result }) => (db(result, type)?.peer?.queries ?? []).map((q) => q.name)))];
    for (const q of peerNames) {
      add(`${name} \`${q}\` req/s ours · peer (ours ÷ peer)`, (r) => {
        const x = db(r, type)?.peer?.queries.find((y) => y.name === q);
        return x ? `${x.ours.requestsPerSecond} · ${x.peer.requestsPerSecond} (**${x.ratio}×**)` : undefined;
      });
    }
  }
  add('total seconds', (r) => r.seconds);
  return table(header, lines);
}

/** The side-by-side table of one `--peer` run: req/s, p50/p99 and errors on both servers, answers compared. */
export function peerMarkdown(result: BenchResult): string | null {
  const peer = db(result, 'postgres')?.peer;
  if (!peer) return null;
  const errors = (l: LoadResult): number => l.errors + l.non2xx + l.graphqlErrors + l.timeouts;
  const rows = peer.queries.map((q) => [
    `\`${q.name}\``,
    `${q.ours.bodies ?? '–'} / ${q.peer.bodies ?? '–'}`,
    `${q.ours.requestsPerSecond} / ${q.peer.requestsPerSecond}`,
    `**${q.ratio}×**`,
    `${q.ours.latency.p50} / ${q.peer.latency.p50}`,
    `${q.ours.latency.p99} / ${q.peer.latency.p99}`,
    `${errors(q.ours)} / ${errors(q.peer)}`,
    q.equivalence ? `${q.equivalence.equal} of ${q.equivalence.compared}` : '–',
  ]);
  return table(
    [
      'query',
      'bodies ours / peer',
      'req/s ours / peer',
      'ours ÷ peer',
      'p50 ms ours / peer',
      'p99 ms ours / peer',
      'errors ours / peer',
      'same answers',
    ],
    rows,
  );
}

if (require.main === module) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    process.stderr.write('usage: node dist/bench/markdown.js RESULT.json [RESULT.json …]\n');
    process.exit(2);
  }
  const results = files.map((file) => ({ name: basename(file, '.json'), result: JSON.parse(readFileSync(file, 'utf8')) as BenchResult }));
  process.stdout.write(`${toMarkdown(results)}\n`);
  for (const { name, result } of results) {
    const side = peerMarkdown(result);
    if (side)
      process.stdout.write(
        `\n${name}: ${db(result, 'postgres')?.peer?.server}, ${result.options.connections} connections, ${result.options.loadSeconds} s each\n\n${side}\n`,
      );
  }
}
