import { Writable } from 'node:stream';
import { ConfigError, loadConfig } from '../../../src/config';
import { createLogger, logLevelFrom, type LogLevel } from '../../../src/common/log';

function capture(level: LogLevel) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level,
    destination: new Writable({
      write(chunk, _e, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    }),
  });
  return { logger, lines };
}

describe('LOG_LEVEL', () => {
  it('is read case-insensitively; unset it is silent inside jest', () => {
    expect(logLevelFrom({ LOG_LEVEL: 'DEBUG' })).toBe('debug');
    expect(logLevelFrom({ LOG_LEVEL: 'warn', JEST_WORKER_ID: '1' })).toBe('warn');
    expect(logLevelFrom({ JEST_WORKER_ID: '1' })).toBe('silent');
  });

  it('drops lines below the level and never writes a token', () => {
    const { logger, lines } = capture('warn');
    logger.info('not shown');
    logger.warn({ req: { headers: { authorization: 'Bearer fzq_secret' } }, token: 'fzq_secret' }, 'shown');
    expect(lines.map((l) => l.msg)).toEqual(['shown']);
    expect(JSON.stringify(lines)).not.toContain('fzq_secret');
  });

  it('stops start-up when invalid, naming the variable', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(loadConfig({ LOG_LEVEL: 'Debug' }).logLevel).toBe('debug');
  });
});
