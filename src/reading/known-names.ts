/**
 * The lookups the reading makes over a list of known units (src/reading/unit-year.ts), packed:
 * names and aliases → first unit; 街/街道 stems → units; every name that starts at a position
 * of a text, in one walk whose cost does not grow with the list.
 *
 * A registry of 46 000 units has about 100 000 names and aliases. Held as a `Map` per trie
 * node, the index took about 60 MB of heap in every worker that reads (measured in one thread,
 * heap used after a full GC), and V8 marks all of it at every major collection. Here the names
 * are sorted once (UTF-16 order) and everything is typed arrays over that order: the trie's
 * nodes store their children as one contiguous run sorted by character (binary search), the
 * names ending at a node are a run of the sorted order, and exact and stem lookups are binary
 * searches. The strings themselves are the list's own (no copy).
 *
 * The trie walks UTF-16 code units: a name is a whole string, so a name's code units match at a
 * position exactly when its code points do (no name starts or ends inside a surrogate pair).
 */
import type { KnownUnit } from './types';

/** A known name found in a text: unit index in the list, name index (0 the name, 1… its aliases), the name, its start. */
export interface KnownNameHit {
  ui: number;
  ni: number;
  n: string;
  at: number;
}

/** The stem of a 街/街道 name (新华街道 → 新华). */
export const streetStem = (s: string): string => s.replace(/(街道办事处|街道|街)$/u, '');

/** The first index of `sorted` (by `keyAt`) whose key is ≥ `key`. */
function lowerBound(length: number, keyAt: (i: number) => string, key: string): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyAt(mid)! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Lookups over one list of known units, built once per list (see the module comment). */
export class KnownNameIndex {
  /** every name and alias (empty ones included), sorted by (name, unit, name index) */
  private readonly names: string[];
  private readonly unitOf: Int32Array;
  private readonly nameIndexOf: Int32Array;
  /** per trie node: its first child node, how many children, the first sorted position of the names ending here, how many */
  private readonly childFirst: Int32Array;
  private readonly childCount: Int32Array;
  private readonly endFirst: Int32Array;
  private readonly endCount: Int32Array;
  /** per trie node but the root: the code unit leading to it */
  private readonly edge: Uint16Array;
  /** the root's child by code unit (0: none), a direct table: every position of a text starts at the root */
  private readonly rootChild: Int32Array;
  /** distinct (stem, unit) pairs of the 街/街道 names, sorted by stem, then unit */
  private readonly stems: string[];
  private readonly stemUnit: Int32Array;

  /** `exact.get(name)`: the first unit (list order) with this name or alias. */
  readonly exact: { get(name: string): KnownUnit | undefined };
  /** `byStem.get(stem)`: the units with a 街/街道 name or alias of this stem, in list order. */
  readonly byStem: { get(stem: string): KnownUnit[] | undefined };

  constructor(private readonly known: readonly KnownUnit[]) {
    const entryUnit: number[] = [];
    const entryName: number[] = [];
    const entryText: string[] = [];
    const stemPairs: Array<[string, number]> = [];
    known.forEach((u, ui) => {
      const stems = new Set<string>();
      [u.name, ...u.aliases].forEach((n, ni) => {
        entryUnit.push(ui);
        entryName.push(ni);
        entryText.push(n);
        if (/(街道|街)$/u.test(n)) stems.add(streetStem(n));
      });
      for (const stem of stems) stemPairs.push([stem, ui]);
    });
    const order = entryText.map((_, i) => i);
    order.sort((a, b) => {
      const x = entryText[a]!;
      const y = entryText[b]!;
      return x < y ? -1 : x > y ? 1 : entryUnit[a]! - entryUnit[b]! || entryName[a]! - entryName[b]!;
    });
    this.names = order.map((i) => entryText[i]!);
    this.unitOf = Int32Array.from(order, (i) => entryUnit[i]!);
    this.nameIndexOf = Int32Array.from(order, (i) => entryName[i]!);
    let first = 0; // empty names sort first; they are in `exact`, not in the trie
    while (first < this.names.length && this.names[first] === '') first += 1;

    stemPairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    this.stems = stemPairs.map((p) => p[0]);
    this.stemUnit = Int32Array.from(stemPairs, (p) => p[1]);

    // the trie, depth first: a node's children are created together (one contiguous run, in
    // character order), each over the run of sorted names sharing its prefix
    const capacity = this.names.reduce((sum, n) => sum + n.length, 1);
    const childFirst = new Int32Array(capacity);
    const childCount = new Int32Array(capacity);
    const endFirst = new Int32Array(capacity);
    const endCount = new Int32Array(capacity);
    const edge = new Uint16Array(capacity);
    let nodes = 1;
    const stack: Array<[node: number, lo: number, hi: number, depth: number]> = [[0, first, this.names.length, 0]];
    for (let top = stack.pop(); top; top = stack.pop()) {
      const [node, lo, hi, depth] = top;
      let k = lo;
      while (k < hi && this.names[k]!.length === depth) k += 1; // names ending here sort first
      endFirst[node] = lo;
      endCount[node] = k - lo;
      childFirst[node] = nodes;
      while (k < hi) {
        const c = this.names[k]!.charCodeAt(depth);
        let end = k + 1;
        while (end < hi && this.names[end]!.charCodeAt(depth) === c) end += 1;
        edge[nodes] = c;
        stack.push([nodes, k, end, depth + 1]);
        nodes += 1;
        k = end;
      }
      childCount[node] = nodes - childFirst[node]!;
    }
    this.childFirst = childFirst.slice(0, nodes);
    this.childCount = childCount.slice(0, nodes);
    this.endFirst = endFirst.slice(0, nodes);
    this.endCount = endCount.slice(0, nodes);
    this.edge = edge.slice(0, nodes);
    this.rootChild = new Int32Array(0x10000);
    for (let n = childFirst[0]!; n < childFirst[0]! + childCount[0]!; n += 1) this.rootChild[edge[n]!] = n;

    this.exact = {
      get: (name) => {
        const i = lowerBound(this.names.length, (j) => this.names[j]!, name);
        return this.names[i] === name ? this.known[this.unitOf[i]!] : undefined;
      },
    };
    this.byStem = {
      get: (stem) => {
        let i = lowerBound(this.stems.length, (j) => this.stems[j]!, stem);
        const units: KnownUnit[] = [];
        for (; i < this.stems.length && this.stems[i] === stem; i += 1) units.push(this.known[this.stemUnit[i]!]!);
        return units.length ? units : undefined;
      },
    };
  }

  /** The child of `node` reached by code unit `c`, or -1. */
  private child(node: number, c: number): number {
    let lo = this.childFirst[node]!;
    let hi = lo + this.childCount[node]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.edge[mid]!;
      if (e === c) return mid;
      if (e < c) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** Every occurrence of every known name in `t` (overlapping ones included), by start. */
  hitsIn(t: string): KnownNameHit[] {
    const hits: KnownNameHit[] = [];
    for (let at = 0; at < t.length; at += 1) {
      let node = this.rootChild[t.charCodeAt(at)]!;
      if (node === 0) continue; // no name starts with this character
      for (let i = at; i < t.length; i += 1) {
        if (i > at) node = this.child(node, t.charCodeAt(i));
        if (node < 0) break;
        const from = this.endFirst[node]!;
        for (let e = from; e < from + this.endCount[node]!; e += 1) {
          hits.push({ ui: this.unitOf[e]!, ni: this.nameIndexOf[e]!, n: this.names[e]!, at });
        }
      }
    }
    return hits;
  }
}

const indexes = new WeakMap<readonly KnownUnit[], KnownNameIndex>();

/** The index of a list of known units, built on first use and kept while the list is (its identity). */
export function knownNameIndex(known: readonly KnownUnit[]): KnownNameIndex {
  let index = indexes.get(known);
  if (!index) indexes.set(known, (index = new KnownNameIndex(known)));
  return index;
}
