/**
 * A small leveled logger on stdout (`LOG_LEVEL` = debug | info | warn | error, default
 * info). One line per event: `[fazhi] <level> <message>`.
 */
const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LEVELS)[number];

function threshold(): number {
  const wanted = (process.env.LOG_LEVEL ?? 'info').toLowerCase();
  const index = LEVELS.indexOf(wanted as LogLevel);
  return index === -1 ? 1 : index;
}

function write(level: LogLevel, message: string): void {
  if (LEVELS.indexOf(level) < threshold()) return;
  const line = `[fazhi] ${level === 'info' ? '' : `${level} `}${message}\n`;
  if (level === 'error' || level === 'warn') process.stderr.write(line);
  else process.stdout.write(line);
}

export const log = {
  debug: (message: string) => write('debug', message),
  info: (message: string) => write('info', message),
  warn: (message: string) => write('warn', message),
  error: (message: string) => write('error', message),
};
