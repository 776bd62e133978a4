/**
 * Claim search in the database, one interface over two engines:
 * - SQLite: an FTS5 table `claim_search(tokens)` (rowid = claim id, unicode61 tokenizer over
 *   the tokens of src/reports/search/query.ts), ranked by bm25;
 * - PostgreSQL: a table `claim_search("claimId", tokens tsvector)` with a GIN index, ranked
 *   by ts_rank.
 * Rows are written in the ingest transaction (indexClaims) and backfilled by the migration
 * that creates the table. Results are always filtered to current reports and to the
 * caller's scope.
 */
import type { EntityManager } from 'typeorm';
import { jsonInsertSelect, jsonRowsOf } from '../../db/bulk-insert';
import { claimTokens, likePattern, type ParsedQuery } from '../../reading/search-query';

export interface SearchWhere {
  /** units the caller may see (null: all) */
  scope: number[] | null;
  /** units to search in (null: all in scope) */
  unitIds: number[] | null;
  year: number | null;
  polarities: string[] | null;
  /** claims linked (accepted or proposed) to one of these item codes */
  itemCodes: string[] | null;
}

export interface SearchHit {
  claimId: number;
  /** higher is better (bm25 negated on SQLite, ts_rank on PostgreSQL) */
  score: number;
}

type Dialect = 'sqlite' | 'postgres';

function dialectOf(manager: EntityManager): Dialect {
  return manager.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

/**
 * Writes the search rows of freshly stored claims (same transaction as the claims). PostgreSQL:
 * one statement of two arrays (ids, tokens joined by spaces — tokens hold letters and digits
 * only) per 5 000 claims, `array_to_tsvector(string_to_array(…))` the same tsvector as
 * `array_to_tsvector` of the tokens; a VALUES list of `$n` pairs cost the server more to plan
 * than to insert (bulk-insert.ts).
 */
export async function indexClaims(manager: EntityManager, claims: ReadonlyArray<{ id: number; text: string }>): Promise<void> {
  if (dialectOf(manager) === 'postgres') {
    const CHUNK = 5000;
    for (let i = 0; i < claims.length; i += CHUNK) {
      const chunk = claims.slice(i, i + CHUNK);
      await manager.query(
        `INSERT INTO claim_search ("claimId", tokens) SELECT id, array_to_tsvector(string_to_array(tokens, ' ')) FROM unnest($1::integer[], $2::text[]) AS u(id, tokens) ON CONFLICT ("claimId") DO UPDATE SET tokens = EXCLUDED.tokens`,
        [chunk.map((c) => c.id), chunk.map((c) => claimTokens(c.text).join(' '))],
      );
    }
    return;
  }
  // one JSON text of [rowid, tokens] pairs per statement (bulk-insert.ts jsonRowsOf), else one parameter a value
  const CHUNK = 5000;
  for (let i = 0; i < claims.length; i += CHUNK) {
    const rows = claims.slice(i, i + CHUNK).map((claim) => [claim.id, claimTokens(claim.text).join(' ')]);
    const json = jsonRowsOf(rows);
    if (json !== null) {
      await manager.query(`INSERT OR REPLACE INTO claim_search (rowid, tokens) ${jsonInsertSelect(2)}`, [json]);
      continue;
    }
    for (let j = 0; j < rows.length; j += 200) {
      const chunk = rows.slice(j, j + 200);
      await manager.query(
        `INSERT OR REPLACE INTO claim_search (rowid, tokens) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`,
        chunk.flat(),
      );
    }
  }
}

/** Builds placeholders for one dialect. */
class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: Dialect) {}
  add(value: unknown): string {
    this.values.push(value);
    return this.dialect === 'postgres' ? `$${this.values.length}` : '?';
  }
  list(values: readonly unknown[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }
}

/** A token quoted for an FTS5 query or a tsquery (tokens hold letters and digits only). */
function quoted(token: string, dialect: Dialect): string {
  return dialect === 'postgres' ? `'${token.replace(/'/gu, "''")}'` : `"${token.replace(/"/gu, '""')}"`;
}

/** The ranked hits of one page, and how many there are in all. */
export async function searchClaims(
  manager: EntityManager,
  query: ParsedQuery,
  where: SearchWhere,
  page: { offset: number; limit: number },
): Promise<{ total: number; hits: SearchHit[] }> {
  const dialect = dialectOf(manager);
  const p = new Params(dialect);
  const useIndex = query.tokens.length > 0;
  const match = query.tokens.map((t) => quoted(t, dialect)).join(dialect === 'postgres' ? ' & ' : ' AND ');
  const conditions = [`r.state = 'CURRENT'`];
  let from = 'claim c JOIN report r ON r.id = c."reportId"';
  let score = '0';
  if (useIndex && dialect === 'sqlite') {
    from = `claim_search s JOIN claim c ON c.id = s.rowid JOIN report r ON r.id = c."reportId"`;
    conditions.push(`s.tokens MATCH ${p.add(match)}`);
    score = '-s.rank';
  } else if (useIndex) {
    from = `claim_search s JOIN claim c ON c.id = s."claimId" JOIN report r ON r.id = c."reportId"`;
    const q = p.add(match);
    conditions.push(`s.tokens @@ CAST(${q} AS tsquery)`);
    score = `ts_rank(s.tokens, CAST(${q} AS tsquery))`;
  }
  for (const literal of query.literals) conditions.push(`LOWER(c.text) LIKE ${p.add(likePattern(literal))} ESCAPE '\\'`);
  if (where.scope) conditions.push(`r."unitId" IN (${where.scope.length ? p.list(where.scope) : 'NULL'})`);
  if (where.unitIds) conditions.push(`r."unitId" IN (${where.unitIds.length ? p.list(where.unitIds) : 'NULL'})`);
  if (where.year !== null) conditions.push(`r.year = ${p.add(where.year)}`);
  if (where.polarities?.length) conditions.push(`c.polarity IN (${p.list(where.polarities)})`);
  if (where.itemCodes?.length) {
    conditions.push(
      `EXISTS (SELECT 1 FROM evidence_link l JOIN checklist_item i ON i.id = l."itemId" ` +
        `WHERE l."claimId" = c.id AND l.state <> 'REJECTED' AND i.code IN (${p.list(where.itemCodes)}))`,
    );
  }
  const whereSql = conditions.join(' AND ');
  const countRows: Array<{ n: number | string }> = await manager.query(`SELECT COUNT(*) AS n FROM ${from} WHERE ${whereSql}`, [
    ...p.values,
  ]);
  const limit = p.add(page.limit);
  const offset = p.add(page.offset);
  const rows: Array<{ id: number; score: number | string }> = await manager.query(
    `SELECT c.id AS id, ${score} AS score FROM ${from} WHERE ${whereSql} ORDER BY score DESC, r.year DESC, c.id ASC LIMIT ${limit} OFFSET ${offset}`,
    p.values,
  );
  return { total: Number(countRows[0]?.n ?? 0), hits: rows.map((r) => ({ claimId: Number(r.id), score: Number(r.score) })) };
}
