/** Pure helpers to resolve a unit name (or alias) and to suggest close names. */

export interface NamedUnit {
  id: number;
  name: string;
  aliases: string[];
}

/** 万兴街道 and 万兴街 name the same sub-district: compare names without that suffix. */
function stem(name: string): string {
  return name.trim().replace(/(街道办事处|街道|街)$/u, '');
}

/**
 * Finds the unit a name refers to: its name, one of its aliases, or the same name with
 * 街/街道 swapped. Returns null when nothing matches or the name is ambiguous.
 */
export function resolveUnitName<T extends NamedUnit>(units: readonly T[], name: string): T | null {
  const wanted = name.trim();
  if (!wanted) return null;
  const exact = units.find((u) => u.name === wanted || u.aliases.includes(wanted));
  if (exact) return exact;
  if (!/(街道|街)$/u.test(wanted)) return null;
  const byStem = units.filter((u) => /(街道|街)$/u.test(u.name) && [u.name, ...u.aliases].some((n) => stem(n) === stem(wanted)));
  return byStem.length === 1 ? (byStem[0] ?? null) : null;
}

/**
 * {@link resolveUnitName} over a fixed list, answered from two maps built once (name or alias;
 * stem of a 街/街道 unit's names) instead of a scan of the list per name: the same answer for
 * every name, in constant time for a registry of 43 000 units.
 */
export function unitNameResolver<T extends NamedUnit>(units: readonly T[]): (name: string) => T | null {
  const exact = new Map<string, T>();
  const byStem = new Map<string, T[]>();
  for (const u of units) {
    for (const n of [u.name, ...u.aliases]) if (!exact.has(n)) exact.set(n, u);
    if (!/(街道|街)$/u.test(u.name)) continue;
    for (const s of new Set([u.name, ...u.aliases].map(stem))) {
      const list = byStem.get(s);
      if (list) list.push(u);
      else byStem.set(s, [u]);
    }
  }
  return (name) => {
    const wanted = name.trim();
    if (!wanted) return null;
    const found = exact.get(wanted);
    if (found) return found;
    if (!/(街道|街)$/u.test(wanted)) return null;
    const list = byStem.get(stem(wanted)) ?? [];
    return list.length === 1 ? (list[0] ?? null) : null;
  };
}

/** Levenshtein distance over code points (names are short). */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    // previous has y.length + 1 entries and current has j entries when current[j] is set
    for (let j = 1; j <= y.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/** Up to `limit` registered names close to `name` (edit distance ≤ 2, or one contains the other). */
export function suggestUnitNames(units: readonly NamedUnit[], name: string, limit = 3): string[] {
  const wanted = stem(name);
  const scored = units
    .map((u) => {
      const distance = Math.min(
        ...[u.name, ...u.aliases].map((n) => {
          const s = stem(n);
          if (wanted && s && (s.includes(wanted) || wanted.includes(s))) return 0.5;
          return editDistance(s, wanted);
        }),
      );
      return { name: u.name, distance };
    })
    .filter((s) => s.distance <= 2)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((s) => s.name);
}
