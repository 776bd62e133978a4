import type { AssessmentResult, FlagResult } from './types';

/** A stored flag row as far as the result needs it (src/assessment/assessment-flag.entity.ts). */
export interface StoredFlag {
  id: number;
  code: FlagResult['code'];
  severity: FlagResult['severity'];
  itemCode: string | null;
  message: string;
  text: FlagResult['text'] | null;
  claimIds: ReadonlyArray<number | string>;
}

/**
 * A result as it is stored: without flags (report-level and per item). Flags are stored
 * once, as rows of their own table, so that they can be filtered across units.
 */
export function withoutFlags(result: AssessmentResult): AssessmentResult {
  return { ...result, flags: [], items: result.items.map((item) => ({ ...item, flags: [] })) };
}

/**
 * The whole result again from the stored one and its flag rows: the rows in the order they
 * were written (by id) are `result.flags`; an item's flags are those with its code, in the
 * same order — exactly as the assessment computed them (report flags first, then per item).
 */
export function withStoredFlags(result: AssessmentResult, rows: readonly StoredFlag[]): AssessmentResult {
  const flags: FlagResult[] = [...rows]
    .sort((a, b) => a.id - b.id)
    .map((row) => ({
      code: row.code,
      severity: row.severity,
      itemCode: row.itemCode,
      message: row.message,
      ...(row.text ? { text: row.text } : {}),
      claimIds: row.claimIds.map(String),
    }));
  const byItem = new Map<string, FlagResult[]>();
  for (const flag of flags) {
    if (flag.itemCode === null) continue;
    const list = byItem.get(flag.itemCode);
    if (list) list.push(flag);
    else byItem.set(flag.itemCode, [flag]);
  }
  return { ...result, flags, items: result.items.map((item) => ({ ...item, flags: byItem.get(item.code) ?? [] })) };
}
