import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGES } from '../../../src/i18n/messages';

const ROOT = join(__dirname, '../../..');
const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Code lines of src/ (comments left out) and every catalogue text: what users can read. */
const texts = [
  ...sourceFiles(join(ROOT, 'src')).flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\*|\/\/|\/\*)/u.test(line))
      .map((line) => ({ where: path.slice(ROOT.length + 1), line })),
  ),
  ...Object.entries(MESSAGES).flatMap(([key, e]) => [
    { where: key, line: e.zh },
    { where: key, line: e.en },
  ]),
];

describe('hints name documented commands', () => {
  it('never tell users to run node dist/… or node scripts/…', () => {
    expect(texts.filter(({ line }) => /node (dist|scripts)\//u.test(line)).map(({ where }) => where)).toEqual([]);
  });

  it('name only npm scripts that exist', () => {
    const named = texts.flatMap(({ where, line }) =>
      [...line.matchAll(/npm run (?:-s )?([\w:-]+)/gu)].map((m) => ({ where, script: m[1] })),
    );
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter(({ script }) => !scripts.includes(script!)).map(({ where, script }) => `${script} (${where})`)).toEqual([]);
  });
});

describe('command-line headers', () => {
  it('are Chinese by default and English with LANG=en', async () => {
    const { renderIngestReport } = await import('../../../src/cli/ingest');
    expect(renderIngestReport([], false, 'zh').split('\n')[0]?.split(/\s+/u)).toEqual(['文件', '单位', '年份', '表述', '覆盖', '结果']);
    expect(renderIngestReport([], false, 'en').split('\n')[0]?.split(/\s+/u)).toEqual([
      'File',
      'Unit',
      'Year',
      'Claims',
      'Covered',
      'Result',
    ]);
  });
});
