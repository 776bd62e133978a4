/**
 * The one logger (pino): JSON lines, one per event, or readable lines on a terminal
 * (pino-pretty). `LOG_LEVEL` = trace | debug | info | warn | error | fatal | silent
 * (default info; warn for the command-line tools; silent under jest unless LOG_LEVEL is
 * set). The server logs to stdout; the command-line tools log to stderr, because their
 * stdout is their output (tables, JSON).
 *
 * Nothing else in `src/` writes diagnostics to stdout/stderr: unexpected errors, requests,
 * ingest and review events all go through here.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** LOG_LEVEL, validated; unset: `silent` under jest, `warn` for the command-line tools, else `info`. */
export function logLevelFrom(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const wanted = (env.LOG_LEVEL ?? '').trim().toLowerCase();
  if (LOG_LEVELS.includes(wanted as LogLevel)) return wanted as LogLevel;
  // inside a jest worker (not in a server process a test spawns, which inherits JEST_WORKER_ID)
  if (env.JEST_WORKER_ID !== undefined && typeof (globalThis as { expect?: unknown }).expect === 'function') return 'silent';
  return defaultFd() === 2 ? 'warn' : 'info';
}

export interface LoggerOptions {
  level?: LogLevel;
  /** where lines go: a stream (tests), or fd 1 / 2; default: stdout for the server, stderr for src/cli */
  destination?: DestinationStream | 1 | 2;
  /** readable lines instead of JSON; default: when the destination is a terminal */
  pretty?: boolean;
}

function defaultFd(): 1 | 2 {
  const main = require.main?.filename ?? process.argv[1] ?? '';
  return /[/\\]cli[/\\][^/\\]+$/u.test(main) ? 2 : 1;
}

/** A logger with the project's fields (`service: fazhi`), serializers and redaction. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? logLevelFrom();
  const destination = options.destination ?? defaultFd();
  const base = {
    level,
    base: { service: 'fazhi' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // a token never reaches a log line, even inside a logged header
    redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.token', 'token'], censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
  };
  if (typeof destination !== 'number') return pino(base, destination);
  const isTty = destination === 1 ? process.stdout.isTTY : process.stderr.isTTY;
  if (options.pretty ?? isTty) {
    return pino(base, pretty({ destination, sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' }));
  }
  // The server's request lines (stdout) are written asynchronously: under load the lines of
  // many requests go out in one write instead of one write(2) each (a synchronous write was
  // ≈ 7 % of a simple request's CPU, bench/README.md "Where a request's time goes"); pino
  // flushes what is buffered when the process exits. The tools' stderr stays synchronous.
  return pino(base, pino.destination({ dest: destination, sync: destination !== 1 }));
}

let current: Logger | null = null;

/** The process's logger (created on first use). */
export function logger(): Logger {
  current ??= createLogger();
  return current;
}

/** Replaces the process's logger (tests, or a CLI choosing its destination). */
export function setLogger(next: Logger): void {
  current = next;
}

/** Shorthand for the process logger: `log.info('…')`, `log.error({ err }, '…')`. */
export const log = {
  trace: (...args: Parameters<Logger['trace']>) => logger().trace(...args),
  debug: (...args: Parameters<Logger['debug']>) => logger().debug(...args),
  info: (...args: Parameters<Logger['info']>) => logger().info(...args),
  warn: (...args: Parameters<Logger['warn']>) => logger().warn(...args),
  error: (...args: Parameters<Logger['error']>) => logger().error(...args),
  fatal: (...args: Parameters<Logger['fatal']>) => logger().fatal(...args),
};
