/**
 * A fixed map from positive integers below 2^32 to non-negative integers in typed arrays (open
 * addressing): slot s holds a key in `keys[s]` (0: empty) and its value in `values[s]`; a key's
 * first slot is its Fibonacci hash, then the next slots in turn. Built once, read per character
 * of a text: a lookup costs no `Map` and no allocation. Pure.
 */
export interface IntTable {
  keys: Uint32Array;
  values: Int32Array;
  /** 32 − log2(slots) */
  shift: number;
}

/** The table of `entries` (keys positive, below 2^32, distinct), at most half full. */
export function intTable(entries: ReadonlyArray<readonly [number, number]>): IntTable {
  let bits = 4;
  while (1 << bits < entries.length * 2) bits += 1;
  const slots = 1 << bits;
  const keys = new Uint32Array(slots);
  const values = new Int32Array(slots);
  const shift = 32 - bits;
  for (const [key, value] of entries) {
    if (!(key > 0 && key < 2 ** 32 && Number.isInteger(key))) throw new Error(`int table: key ${key} out of range`);
    let s = Math.imul(key, 0x9e3779b1) >>> shift;
    while (keys[s] !== 0 && keys[s] !== key) s = (s + 1) & (slots - 1);
    keys[s] = key;
    values[s] = value;
  }
  return { keys, values, shift };
}

/** The value of `key` (a positive integer below 2^32), or -1 when the table has none. */
export function lookupInt(table: IntTable, key: number): number {
  const { keys, values, shift } = table;
  const mask = keys.length - 1;
  for (let s = Math.imul(key, 0x9e3779b1) >>> shift; ; s = (s + 1) & mask) {
    const k = keys[s] as number;
    if (k === key) return values[s] as number;
    if (k === 0) return -1;
  }
}
