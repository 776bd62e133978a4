/**
 * What every `fazhi` command does with its command line: commander set up to throw instead of
 * exiting, its help and errors written to the command's streams, and the exit code that follows.
 */
import { CommanderError, type Command } from 'commander';
import { localeFromEnv } from '../i18n/messages';

/** Where a command writes (process.stdout/stderr, or a test's buffers). */
export interface CommandLineIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** Chinese unless LANG says English. */
export function say(zh: string, en: string): string {
  return localeFromEnv() === 'en' ? en : zh;
}

/**
 * Parses `argv` with `program`, whose action keeps the arguments and options. Returns null when
 * the command should go on; 0 after `--help` or `--version`; `usageExit` after a usage error
 * (commander has printed it to `io.stderr`).
 */
export async function parseCommandLine(
  program: Command,
  argv: readonly string[],
  io: CommandLineIO,
  usageExit: number,
): Promise<number | null> {
  program.exitOverride().configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return null;
  } catch (e) {
    if (e instanceof CommanderError) return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : usageExit;
    throw e;
  }
}

/** `--year N`: the year, undefined when the option is absent, or the message saying what is wrong. */
export function parseYearOption(value: string | undefined): { year?: number; error?: string } {
  if (value === undefined) return {};
  const v = value.trim();
  if (!/^\d{4}$/u.test(v))
    return { error: say(`--year 须是四位数的年份，收到 "${value}"`, `--year must be a four-digit year, got "${value}"`) };
  return { year: Number(v) };
}
