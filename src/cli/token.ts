/**
 * API tokens: `npm run token -- create --role REVIEWER --unit 南开区 --name "…"` prints a new
 * token once; `npm run token -- revoke --id N` (or `--name …`); `npm run token -- list`.
 * Uses the same database settings as the server (SQLITE_PATH or DATABASE_URL).
 */
import 'reflect-metadata';
import { Command } from 'commander';
import { ApiToken } from '../access/api-token.entity';
import { createToken, parseDuration, revokeToken } from '../access/token.service';
import { openDatabase } from '../app/open-database';
import { loadConfig } from '../config';
import { Unit } from '../units/unit.entity';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Runs the token command; returns the exit code (0 ok, 2 bad input). */
export async function runTokenCli(argv: string[], io: CliIO): Promise<number> {
  const config = loadConfig();
  const { dataSource } = await openDatabase(config.database);
  let code = 0;
  const program = new Command('fazhi token').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  program
    .command('create')
    .requiredOption('--role <role>', 'ADMIN, REVIEWER, UNIT or VIEWER')
    .requiredOption('--name <name>', 'who or what uses the token')
    .option('--unit <unit>', 'the unit whose subtree it may see (required except for ADMIN)')
    .option('--expires <duration>', 'stops working after this long: 90d, 12h or 30m (default: never)')
    .action(async (o: { role: string; name: string; unit?: string; expires?: string }) => {
      let expiresAt: Date | null = null;
      if (o.expires !== undefined) {
        const ms = parseDuration(o.expires);
        if (ms === null) {
          io.stderr(`--expires 应形如 90d、12h 或 30m（天、小时、分钟），而不是 "${o.expires}"。\n`);
          code = 2;
          return;
        }
        expiresAt = new Date(Date.now() + ms);
      }
      const result = await createToken(dataSource, {
        role: o.role.toUpperCase(),
        name: o.name,
        unit: o.unit ?? null,
        actor: 'cli',
        expiresAt,
      });
      if (!result.ok) {
        io.stderr(`${result.errors[0]?.message ?? ''}\n`);
        code = 2;
        return;
      }
      io.stdout(
        `Created token ${result.value.token.id} (${result.value.token.role}${o.unit ? `, ${o.unit}` : ''}) for "${result.value.token.name}".\n`,
      );
      io.stdout(`${result.value.secret}\n`);
      if (expiresAt) io.stdout(`有效期至 ${expiresAt.toISOString()}（expires）。\n`);
      io.stdout('Store it now: it is shown only once. Send it as "Authorization: Bearer <token>".\n');
    });
  program
    .command('revoke')
    .option('--id <id>', 'token id')
    .option('--name <name>', 'token name (revokes every active token of that name)')
    .action(async (o: { id?: string; name?: string }) => {
      if (!o.id && !o.name) {
        io.stderr('Give --id or --name.\n');
        code = 2;
        return;
      }
      const result = await revokeToken(dataSource, { id: o.id ? Number(o.id) : undefined, name: o.name, actor: 'cli' });
      if (!result.ok) {
        io.stderr(`${result.errors[0]?.message ?? ''}\n`);
        code = 2;
        return;
      }
      io.stdout(`Revoked ${result.value.map((t) => `${t.id} (${t.name})`).join(', ')}.\n`);
    });
  program.command('list').action(async () => {
    const tokens = await dataSource.getRepository(ApiToken).find({ order: { id: 'ASC' } });
    const units = new Map((await dataSource.getRepository(Unit).find()).map((u) => [u.id, u.name]));
    for (const t of tokens) {
      io.stdout(
        `${t.id}\t${t.prefix}…\t${t.role}\t${t.unitId === null ? '(all)' : units.get(t.unitId)}\t${t.name}\t${t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt.getTime() <= Date.now() ? 'expired' : 'active'}\t` +
          `${t.expiresAt ? `expires ${t.expiresAt.toISOString()}` : 'no expiry'}\t${t.lastUsedAt ? `last used ${t.lastUsedAt.toISOString()}` : 'never used'}\n`,
      );
    }
    if (tokens.length === 0) io.stdout('No tokens.\n');
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    code = (error as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  } finally {
    await dataSource.destroy();
  }
  return code;
}

if (require.main === module) {
  runTokenCli(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) })
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
