/**
 * The matches of a global pattern as `String.prototype.matchAll` gives them, read with `exec` from the pattern itself.
 * `matchAll` clones the pattern on every call, which is most of its cost on the short texts reading goes over many
 * times (a stem before every level word, the words before every quantity). Only for a pattern whose `lastIndex` is 0
 * whenever it is not being read here (one never given to `test` or `exec` elsewhere): it starts from 0 and `exec`
 * leaves it at 0 at the end.
 */
export function matchesOf(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new TypeError('matchesOf: the pattern must be global (as for matchAll)');
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // an empty match: go on after it as matchAll does (AdvanceStringIndex), a whole character in a unicode pattern
    if (m[0].length === 0) re.lastIndex = afterEmptyMatch(text, re.lastIndex, re.unicode || re.flags.includes('v'));
    out.push(m);
  }
  return out;
}

function afterEmptyMatch(text: string, at: number, unicode: boolean): number {
  if (!unicode || at + 1 >= text.length) return at + 1;
  return at + ((text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1);
}
