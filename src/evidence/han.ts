/**
 * Whether a code point is a Han character (`\p{Script=Han}`): the basic plane from a table built
 * on first use, no regex per character. Pure.
 */
let hanTable: Uint8Array | undefined;
const HAN = /^\p{Script=Han}$/u;

export function isHan(cp: number): boolean {
  if (cp < 0x10000) {
    if (!hanTable) {
      hanTable = new Uint8Array(0x10000);
      for (let c = 0; c < 0x10000; c += 1) if (c < 0xd800 || c > 0xdfff) hanTable[c] = HAN.test(String.fromCharCode(c)) ? 1 : 0;
    }
    return hanTable[cp] === 1;
  }
  return HAN.test(String.fromCodePoint(cp));
}
