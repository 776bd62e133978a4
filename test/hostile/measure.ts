/**
 * Measures, against a real server process on a fresh SQLite database, the time to the
 * answer and the server's RSS growth for the four worst requests of issue 14:
 *   node -r ./scripts/swc-register.js test/hostile/measure.ts
 * (a measurement to report, not a test: run it by hand; it takes about a minute).
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../helpers/server-process';
import { runTokenCli } from '../../src/cli/token';
import { graphqlRequest as jsonRequest, send, zipBombDocx } from './hostile-http';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-measure-'));
  const port = 5600 + (process.pid % 300);
  const server = await startServerProcess({ SQLITE_PATH: join(dir, 'm.sqlite'), DATABASE_URL: '', DOWNLOAD_DIR: join(dir, 'dl') }, port);
  const pid = server.child.pid as number;
  try {
    // an ADMIN token, made with the token command against the server's database
    process.env.SQLITE_PATH = join(dir, 'm.sqlite');
    process.env.DATABASE_URL = '';
    let printed = '';
    await runTokenCli(['create', '--role', 'ADMIN', '--name', 'measure'], { stdout: (s) => (printed += s), stderr: () => undefined });
    const auth: [string, string] = ['authorization', `Bearer ${/fzq_\S+/.exec(printed)?.[0] ?? ''}`];
    const graphqlRequest = (payload: unknown) => jsonRequest(payload, [auth]);
    const units = await send(port, graphqlRequest({ query: '{ units(first: 100) { edges { node { id name } } } }' }));
    const nankai = units.body.data.units.edges.find((e: { node: { name: string } }) => e.node.name === '南开区').node.id;
    const fragments = `query { ...F0 } ${range(30)
      .map((i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`)
      .join(' ')} fragment F30 on Query { __typename }`;
    const cases: [string, () => ReturnType<typeof jsonRequest>][] = [
      ['2^30 fragment spreads', () => graphqlRequest({ query: fragments })],
      [
        '950 coverageMatrix aliases',
        () =>
          graphqlRequest({
            query: `{ ${range(950)
              .map((i) => `m${i}: coverageMatrix(year: 2022, parentUnitId: "${nankai}") { year }`)
              .join(' ')} }`,
          }),
      ],
      [
        '300 exportDistrict aliases',
        () =>
          graphqlRequest({
            query: `mutation { ${range(300)
              .map((i) => `e${i}: exportDistrict(input: { parentUnitId: "${nankai}", year: 2022, format: XLSX }) { expiresAt }`)
              .join(' ')} }`,
          }),
      ],
      [
        '1 MB .docx zip bomb (1 GB inside)',
        () =>
          graphqlRequest({
            query: 'mutation($i: IngestReportInput!) { ingestReport(input: $i) { userErrors { code } } }',
            variables: {
              i: { fileName: 'bomb.docx', contentBase64: zipBombDocx(1000, false).toString('base64'), unit: '万兴街', year: 2024 },
            },
          }),
      ],
      [
        'the same zip bomb again (worker warm)',
        () =>
          graphqlRequest({
            query: 'mutation($i: IngestReportInput!) { ingestReport(input: $i) { userErrors { code } } }',
            variables: {
              i: { fileName: 'bomb.docx', contentBase64: zipBombDocx(1000, false).toString('base64'), unit: '万兴街', year: 2024 },
            },
          }),
      ],
    ];
    for (const [name, build] of cases) {
      const req = build();
      const before = rssMb(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 5);
      const r = await send(port, req);
      clearInterval(sampler);
      const after = rssMb(pid);
      peak = Math.max(peak, after);
      const code = r.body?.errors?.[0]?.extensions?.code ?? JSON.stringify(r.body?.data);
      process.stdout.write(
        `${name}: HTTP ${r.status} ${code}; answered in ${r.ms.toFixed(0)} ms; RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB (peak +${(peak - before).toFixed(0)} MB)\n`,
      );
    }
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
