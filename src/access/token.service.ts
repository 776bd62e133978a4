import { randomBytes } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { sha256 } from '../shared/hash';
import { fail, ok, type Outcome } from '../shared/user-error';
import { resolveUnitName, suggestUnitNames } from '../units/unit-names';
import { subtreeIds } from '../units/unit.service';
import { Unit } from '../units/unit.entity';
import type { Caller } from '../context';
import { ApiToken } from './api-token.entity';
import { ROLES, type Role } from './roles';

/** Tokens look like `fzq_` + 43 URL-safe characters (256 random bits). */
export const TOKEN_PREFIX = 'fzq_';

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
  input: { name: string; role: string; unit?: string | null; actor: string },
): Promise<Outcome<CreatedToken>> {
  const name = input.name.trim();
  if (!name) return fail('NAME_REQUIRED', 'A token needs a name (who or what uses it).', 'name');
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
  return ds.transaction(async (manager) => {
    const repo = manager.getRepository(ApiToken);
    const token = await repo.save(
      repo.create({ name, role, unitId, tokenHash: sha256(secret), prefix: secret.slice(0, 10), revokedAt: null }),
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
}

/** Revokes a token by id or name; revoked tokens stop working at once. */
export async function revokeToken(ds: DataSource, input: { id?: number; name?: string; actor: string }): Promise<Outcome<ApiToken[]>> {
  return ds.transaction(async (manager) => {
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
}

/** Number of tokens that are not revoked. */
export function countActiveTokens(ds: DataSource): Promise<number> {
  return ds.getRepository(ApiToken).count({ where: { revokedAt: IsNull() } });
}

/**
 * The caller a bearer token stands for, with its scope (the subtree of its unit), or
 * null for an unknown or revoked token.
 */
export async function authenticate(ds: DataSource, secret: string): Promise<Caller | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const token = await ds.getRepository(ApiToken).findOne({ where: { tokenHash: sha256(secret), revokedAt: IsNull() } });
  if (!token) return null;
  if (token.unitId === null) return { name: token.name, role: token.role, scope: null };
  const units = await ds.getRepository(Unit).find({ select: ['id', 'parentId'] });
  return { name: token.name, role: token.role, scope: new Set(subtreeIds(units, token.unitId)) };
}
