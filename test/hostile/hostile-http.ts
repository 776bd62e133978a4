/**
 * Raw HTTP for hostile requests (`fetch` merges repeated headers and will not send a
 * forged Host), the /health probe run while a request is in flight, and hostile files
 * built at test time (a .docx zip bomb, a deeply nested web page).
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { deflateRawSync, constants as zlib } from 'node:zlib';

export interface RawResponse {
  status: number;
  body: any;
  text: string;
  ms: number;
}

export interface RawRequest {
  method?: 'GET' | 'POST';
  path?: string;
  /** header pairs, repeated names allowed; a `host` pair replaces the real one */
  headers?: [string, string][];
  body?: string | Buffer;
  /** omit the Host header entirely */
  noHost?: boolean;
}

/** Sends one request to 127.0.0.1:port and reads the whole answer. */
export function send(port: number, req: RawRequest): Promise<RawResponse> {
  const started = performance.now();
  const headers = req.headers ?? [];
  const hasHost = headers.some(([k]) => k.toLowerCase() === 'host');
  const flat: string[] = [];
  if (!hasHost && !req.noHost) flat.push('host', `127.0.0.1:${port}`);
  for (const [k, v] of headers) flat.push(k, v);
  if (req.body !== undefined) flat.push('content-length', String(Buffer.byteLength(req.body)));
  return new Promise((resolve, reject) => {
    const r = request(
      { host: '127.0.0.1', port, method: req.method ?? 'POST', path: req.path ?? '/graphql', headers: flat, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: any = null;
          try {
            body = JSON.parse(text);
          } catch {
            body = null;
          }
          resolve({ status: res.statusCode ?? 0, body, text, ms: performance.now() - started });
        });
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/** A JSON GraphQL POST with the given extra headers. */
export function graphqlRequest(payload: unknown, headers: [string, string][] = []): RawRequest {
  return {
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    headers: [['content-type', 'application/json'], ...headers],
  };
}

/** Polls /health every 20 ms in a separate process (so the test's own work never delays it) and keeps the slowest answer since the last mark. */
const PROBE_SOURCE = `
const http = require('node:http');
const port = Number(process.argv[1]);
let slowest = 0, count = 0, failed = 0;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function poll() {
  const started = performance.now();
  http.get({ host: '127.0.0.1', port, path: '/health', agent }, (res) => {
    res.resume();
    res.on('end', () => {
      const ms = performance.now() - started;
      if (res.statusCode !== 200) failed += 1;
      if (ms > slowest) slowest = ms;
      count += 1;
      setTimeout(poll, 20);
    });
  }).on('error', () => { failed += 1; setTimeout(poll, 20); });
}
poll();
process.stdin.setEncoding('utf8');
let buffer = '';
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let i = buffer.indexOf('\\n'); i >= 0; i = buffer.indexOf('\\n')) {
    const line = buffer.slice(0, i);
    buffer = buffer.slice(i + 1);
    if (line === 'mark') { slowest = 0; count = 0; failed = 0; process.stdout.write('ok\\n'); }
    if (line === 'report') process.stdout.write(JSON.stringify({ slowest, count, failed }) + '\\n');
  }
});
process.stdin.on('end', () => process.exit(0));
`;

export interface HealthProbe {
  /** runs work; returns its result and the slowest /health answer (ms) while it ran */
  around<T>(work: () => Promise<T>): Promise<{ result: T; slowestHealthMs: number; probes: number; failed: number }>;
  stop(): void;
}

/** Starts the /health poller process for a server on `port`. */
export function startHealthProbe(port: number): HealthProbe {
  const child = spawn(process.execPath, ['-e', PROBE_SOURCE, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const waiting: ((line: string) => void)[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    out += chunk;
    for (let i = out.indexOf('\n'); i >= 0; i = out.indexOf('\n')) {
      const line = out.slice(0, i);
      out = out.slice(i + 1);
      waiting.shift()?.(line);
    }
  });
  const ask = (command: string) =>
    new Promise<string>((resolve) => {
      waiting.push(resolve);
      child.stdin.write(`${command}\n`);
    });
  return {
    async around(work) {
      await ask('mark');
      const result = await work();
      const report = JSON.parse(await ask('report')) as { slowest: number; count: number; failed: number };
      return { result, slowestHealthMs: report.slowest, probes: report.count, failed: report.failed };
    },
    stop() {
      child.stdin.end();
      child.kill('SIGTERM');
    },
  };
}

// ── hostile files ────────────────────────────────────────────────────────────────────

interface ZipEntry {
  name: string;
  /** raw deflate data, or stored bytes when method is 0 */
  data: Buffer;
  method: 0 | 8;
  /** the sizes written in the headers (may lie) */
  declaredSize: number;
  crc?: number;
}

/** Writes a ZIP archive with the given entries (CRCs are not checked by the budget; zeros here). */
export function zipArchive(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc ?? 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * A raw deflate stream that inflates to `megabytes` MB of zeros, built without deflating
 * them: one byte-aligned block of 1 MB of zeros repeated, then an empty final block.
 * About 1 KB per MB: 1,000 MB in about 1 MB.
 */
export function zerosDeflated(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: zlib.Z_FULL_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([...Array.from({ length: megabytes }, () => block), last]);
}

/** A .docx-shaped zip bomb: word/document.xml inflates to `megabytes` MB; `honest` declares that size, otherwise 1 MB. */
export function zipBombDocx(megabytes: number, honest: boolean): Buffer {
  const data = zerosDeflated(megabytes);
  const contentTypes = Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  return zipArchive([
    { name: '[Content_Types].xml', data: contentTypes, method: 0, declaredSize: contentTypes.length },
    {
      name: 'word/document.xml',
      data,
      method: 8,
      declaredSize: honest ? Math.min(megabytes * 1024 * 1024, 0xfffffffe) : data.length,
    },
  ]);
}

/** A saved web page whose report paragraph sits `levels` divs deep. */
export function deepHtml(levels: number): Buffer {
  return Buffer.from(
    `<html><head><meta charset="utf-8"><title>万兴街2022年法治政府建设情况报告</title></head><body>${'<div>'.repeat(levels)}` +
      `<p>2022年，万兴街深入学习贯彻习近平法治思想，推进法治政府建设。</p>${'</div>'.repeat(levels)}</body></html>`,
    'utf8',
  );
}
