import { Command } from 'commander';
import { parseCommandLine, parseYearOption } from '../../../src/cli/command-line';

function buffers() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } }, out, err };
}

describe('parseCommandLine: what every fazhi command does with its arguments', () => {
  const program = (seen: string[]) =>
    new Command()
      .name('fazhi demo')
      .argument('<file>')
      .option('--year <n>')
      .action((f: string) => {
        seen.push(f);
      });

  it('goes on (null) and runs the action for good arguments', async () => {
    const seen: string[] = [];
    const { io } = buffers();
    await expect(parseCommandLine(program(seen), ['a.txt', '--year', '2023'], io, 2)).resolves.toBeNull();
    expect(seen).toEqual(['a.txt']);
  });

  it('--help prints to stdout and stops with 0', async () => {
    const { io, out } = buffers();
    await expect(parseCommandLine(program([]), ['--help'], io, 2)).resolves.toBe(0);
    expect(out.join('')).toContain('Usage: fazhi demo');
  });

  it('a usage error is printed to stderr and stops with the usage exit code, the action not run', async () => {
    const seen: string[] = [];
    const { io, err } = buffers();
    await expect(parseCommandLine(program(seen), ['a.txt', '--bogus'], io, 7)).resolves.toBe(7);
    expect(err.join('')).toContain("unknown option '--bogus'");
    expect(seen).toEqual([]);
  });
});

describe('parseYearOption', () => {
  const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, LC_MESSAGES: process.env.LC_MESSAGES };
  beforeEach(() => {
    delete process.env.LC_ALL;
    delete process.env.LC_MESSAGES;
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('reads a four-digit year, and nothing when the option is absent', () => {
    expect(parseYearOption(' 2023 ')).toEqual({ year: 2023 });
    expect(parseYearOption(undefined)).toEqual({});
  });

  it('says in Chinese (English with LANG=en) what is wrong with any other value', () => {
    process.env.LANG = 'zh_CN.UTF-8';
    expect(parseYearOption('23')).toEqual({ error: '--year 须是四位数的年份，收到 "23"' });
    process.env.LANG = 'en_US.UTF-8';
    expect(parseYearOption('二〇二三')).toEqual({ error: '--year must be a four-digit year, got "二〇二三"' });
  });
});
