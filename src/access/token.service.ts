import { randomBytes } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { sha256 } from '../common/hash';
import { fail, ok, type Outcome } from '../common/user-error';
import { resolveUnitName, suggestUnitNames } from '../units/unit-names';
import { subtreeIds } from '../units/unit.service';
import { Unit } from '../units/unit.entity';
import type { Caller } from '../common/caller';
import { ApiToken } from './api-token.entity';
import { ROLES, type Role } from '../common/roles';
import { changeCommitted } from '../db/change-notices';

/** Tokens look like `fzq_` + 43 URL-safe characters (256 random bits). */
const TOKEN_PREFIX = 'fzq_';

export interface CreatedToken {
  token: ApiToken;
  /** the secret, shown once; only its SHA-256 is stored */
  secret: string;
}

/**
 * Creates a token for a role, bound to a unit's subtree (required for every role but
 * ADMIN, which may also be bound). The secret is returned once and stored hashed.
 */
export async function createToken(
  ds: DataSource,
  input: { name: string; role: string; unit?: string | null; actor: string; expiresAt?: Date | null },
): Promise<Outcome<CreatedToken>> {
  const name = input.name.trim();
  if (!name) return fail('NAME_REQUIRED', 'A token needs a name (who or what uses it).', 'name');
  if ([...name].length > MAX_TOKEN_NAME_LENGTH) {
    return fail('NAME_TOO_LONG', `令牌名称至多 ${MAX_TOKEN_NAME_LENGTH} 个字符，现有 ${[...name].length} 个。`, 'name');
  }
  if (input.expiresAt && !(input.expiresAt.getTime() > Date.now())) {
    return fail('BAD_EXPIRY', '令牌的过期时间必须在将来。', 'expires');
  }
  if (!ROLES.includes(input.role as Role)) return fail('UNKNOWN_ROLE', `Role must be one of ${ROLES.join(', ')}.`, 'role');
  const role = input.role as Role;
  let unitId: number | null = null;
  if (input.unit?.trim()) {
    const units = await ds.getRepository(Unit).find();
    const unit = resolveUnitName(units, input.unit);
    if (!unit) {
      const suggestions = suggestUnitNames(units, input.unit);
      return fail(
        'UNIT_NOT_FOUND',
        `Unknown unit "${input.unit}".${suggestions.length ? ` Did you mean ${suggestions.join(', ')}?` : ''}`,
        'unit',
      );
    }
    unitId = unit.id;
  } else if (role !== 'ADMIN') {
    return fail('UNIT_REQUIRED', `A ${role} token must be bound to a unit (--unit NAME).`, 'unit');
  }
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const created = await ds.transaction(async (manager) => {
    const repo = manager.getRepository(ApiToken);
    const token = await repo.save(
      repo.create({
        name,
        role,
        unitId,
        tokenHash: sha256(secret),
        prefix: secret.slice(0, 10),
        revokedAt: null,
        expiresAt: input.expiresAt ?? null,
        lastUsedAt: null,
      }),
    );
    await recordAudit(manager, {
      actor: input.actor,
      action: 'TOKEN_CREATED',
      entityType: 'ApiToken',
      entityId: token.id,
      after: { name, role, unitId },
    });
    return ok({ token, secret });
  });
  changeCommitted(ds);
  return created;
}

/** Revokes a token by id or name; revoked tokens stop working at once. */
export async function revokeToken(ds: DataSource, input: { id?: number; name?: string; actor: string }): Promise<Outcome<ApiToken[]>> {
  const revoked = await ds.transaction(async (manager) => {
    const repo = manager.getRepository(ApiToken);
    const tokens =
      input.id !== undefined
        ? await repo.find({ where: { id: input.id, revokedAt: IsNull() } })
        : await repo.find({ where: { name: input.name ?? '', revokedAt: IsNull() } });
    if (tokens.length === 0) return fail<ApiToken[]>('NOT_FOUND', 'No active token matches.', input.id !== undefined ? 'id' : 'name');
    for (const token of tokens) {
      token.revokedAt = new Date();
      await repo.save(token);
      await recordAudit(manager, {
        actor: input.actor,
        action: 'TOKEN_REVOKED',
        entityType: 'ApiToken',
        entityId: token.id,
        before: { revoked: false },
        after: { revoked: true },
      });
    }
    return ok(tokens);
  });
  changeCommitted(ds);
  return revoked;
}

/** Longest token name (the column is varchar(100)). */
const MAX_TOKEN_NAME_LENGTH = 100;

/**
 * A duration like `90d`, `12h` or `30m` in milliseconds, or null when it is not one
 * (`npm run token -- create … --expires 90d`).
 */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,6})([dhm])$/.exec(text.trim());
  if (!match || Number(match[1]) === 0) return null;
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[match[2] as 'd' | 'h' | 'm'];
  return Number(match[1]) * unit;
}

/** Number of tokens that are not revoked (expired ones included: they show that tokens are in use). */
export function countActiveTokens(ds: DataSource): Promise<number> {
  return ds.getRepository(ApiToken).count({ where: { revokedAt: IsNull() } });
}

/** How often `lastUsedAt` is written for one token, at most. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The caller a bearer token stands for, with its scope (the subtree of its unit), or
 * null for an unknown or revoked token.
 */
export async function authenticate(ds: DataSource, secret: string): Promise<Caller | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const token = await ds.getRepository(ApiToken).findOne({ where: { tokenHash: sha256(secret), revokedAt: IsNull() } });
  if (!token) return null;
  const now = Date.now();
  if (token.expiresAt && token.expiresAt.getTime() <= now) return null;
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // best effort, outside any transaction of the request; a lost update only delays the time shown
    await ds
      .getRepository(ApiToken)
      .update({ id: token.id }, { lastUsedAt: new Date(now) })
      .catch(() => undefined);
  }
  if (token.unitId === null) return { name: token.name, tokenId: token.id, role: token.role, scope: null };
  const units = await ds.getRepository(Unit).find({ select: ['id', 'parentId'] });
  return { name: token.name, tokenId: token.id, role: token.role, scope: new Set(subtreeIds(units, token.unitId)) };
}
