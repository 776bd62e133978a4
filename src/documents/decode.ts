/**
 * Decoding the bytes of a plain-text report: UTF-8 (with or without BOM), UTF-16 LE/BE
 * (with a BOM, or without one when its NUL bytes give it away) and GB18030/GBK, the
 * encoding of many government files. Binary, empty and whitespace-only input and other
 * encodings are refused with a one-line message naming what was detected.
 */
import { detectAll } from 'jschardet';
import { SNIFFED_DESCRIPTIONS, sniffType } from './magic';

/** The encodings a report may come in. GBK and GB2312 files decode as GB18030 (a superset). */
type TextEncodingName = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030';

/** Why bytes are not accepted as report text. */
type DecodeErrorCode = 'EMPTY' | 'BINARY' | 'UNSUPPORTED_ENCODING';

export type DecodeResult =
  | {
      ok: true;
      /** the text, byte-order mark removed */
      text: string;
      encoding: TextEncodingName;
      /** whether the bytes began with a byte-order mark */
      bom: boolean;
      /** things the user should know (e.g. a character cut at the end of the file was dropped) */
      warnings: string[];
    }
  | { ok: false; code: DecodeErrorCode; message: string };

/** Share of control or undecodable characters above which decoded bytes are not text. */
const MAX_CONTROL_SHARE = 0.02;

/** Share of text-like characters a BOM-less UTF-16 guess must reach. */
const MIN_TEXT_LIKE_SHARE = 0.9;

/** Share of GB2312-area characters among multi-byte ones below which GB18030 is not believed. */
const MIN_GB2312_SHARE = 0.8;

/** Encodings the detector may name that we do not decode (other CJK encodings, UTF-32). */
const OTHER_MULTIBYTE = /^(?:big5|euc-tw|shift_jis|cp932|euc-jp|iso-2022|euc-kr|cp949|johab|utf-32|hz)/i;

/**
 * Decodes the bytes of a report text file. UTF-8 and UTF-16 are taken when valid; bytes
 * that are not UTF-8 but decode cleanly as GB18030 (and look like Chinese in it) are
 * GB18030. Never throws.
 */
export function decodeReportBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return fail('EMPTY', 'the file is empty (0 bytes)');

  // byte-order marks
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    const name = bytes[0] === 0xff ? 'UTF-32LE' : 'UTF-32BE';
    return fail('UNSUPPORTED_ENCODING', `the file is ${name} (by its byte-order mark), which is not supported: save it as UTF-8`);
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return fromUtf8(bytes.subarray(3), true);
  if (startsWith(bytes, [0xff, 0xfe])) return fromUtf16(bytes.subarray(2), 'UTF-16LE', true);
  if (startsWith(bytes, [0xfe, 0xff])) return fromUtf16(bytes.subarray(2), 'UTF-16BE', true);

  const sniffed = sniffType(bytes);
  if (sniffed !== null && sniffed !== 'HTML') {
    return fail('BINARY', `the file is ${SNIFFED_DESCRIPTIONS[sniffed]}, not text`);
  }

  // NUL bytes: UTF-16 without a byte-order mark, or binary
  const nuls = nulParity(bytes);
  if (nuls.even + nuls.odd > 0) {
    const utf16 = bomlessUtf16(bytes, nuls);
    if (utf16) return utf16;
    return fail('BINARY', `the file contains ${nuls.even + nuls.odd} NUL byte(s) that are not UTF-16 text: it is binary, not a text file`);
  }

  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return accept(utf8, 'UTF-8', false, []);
  const cut = withoutCutCharacter(bytes);
  if (cut.length < bytes.length) {
    const trimmed = tryDecode('utf-8', cut);
    if (trimmed !== null) {
      return accept(trimmed, 'UTF-8', false, ['the file ends inside a UTF-8 character (it was cut); the incomplete character was dropped']);
    }
  }

  const guess = detect(bytes);
  if (guess && OTHER_MULTIBYTE.test(guess.encoding) && guess.confidence >= 0.5) {
    return fail(
      'UNSUPPORTED_ENCODING',
      `the file looks like ${guess.encoding} (confidence ${guess.confidence.toFixed(2)}), which is not supported: save it as UTF-8`,
    );
  }
  if (guess && /^utf-16/i.test(guess.encoding) && guess.confidence >= 0.5) {
    const utf16 = fromUtf16(bytes, /le/i.test(guess.encoding) ? 'UTF-16LE' : 'UTF-16BE', false);
    if (utf16.ok) return utf16;
  }
  const gb = tryDecode('gb18030', bytes);
  const gbLikely = guess !== null && /^(?:gb18030|gbk|gb2312)$/i.test(guess.encoding) && guess.confidence >= 0.5;
  if (gb !== null && (gbLikely || gb2312Share(bytes) >= MIN_GB2312_SHARE)) return accept(gb, 'GB18030', false, []);

  const named = guess ? `; it looks like ${guess.encoding} (confidence ${guess.confidence.toFixed(2)})` : '';
  return fail('UNSUPPORTED_ENCODING', `the file is not valid UTF-8, UTF-16 or GB18030/GBK text${named}: save it as UTF-8`);
}

// ── helpers ────────────────────────────────────────────────────────────────────────────

function fail(code: DecodeErrorCode, message: string): DecodeResult {
  return { ok: false, code, message };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function tryDecode(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function fromUtf8(bytes: Uint8Array, bom: boolean): DecodeResult {
  const text = tryDecode('utf-8', bytes);
  if (text !== null) return accept(text, 'UTF-8', bom, []);
  const trimmed = tryDecode('utf-8', withoutCutCharacter(bytes));
  if (trimmed !== null) {
    return accept(trimmed, 'UTF-8', bom, ['the file ends inside a UTF-8 character (it was cut); the incomplete character was dropped']);
  }
  return fail('UNSUPPORTED_ENCODING', 'the file starts with a UTF-8 byte-order mark but is not valid UTF-8: save it as UTF-8 again');
}

function fromUtf16(bytes: Uint8Array, encoding: 'UTF-16LE' | 'UTF-16BE', bom: boolean): DecodeResult {
  const warnings: string[] = [];
  let data = bytes;
  if (data.length % 2 === 1) {
    data = data.subarray(0, data.length - 1);
    warnings.push(`the file has an odd number of bytes for ${encoding} (it was cut); the last byte was dropped`);
  }
  const text = tryDecode(encoding.toLowerCase(), data);
  if (text === null) {
    return fail(
      'UNSUPPORTED_ENCODING',
      `the file ${bom ? `starts with a ${encoding} byte-order mark` : `looks like ${encoding}`} but is not valid ${encoding}`,
    );
  }
  return accept(text, encoding, bom, warnings);
}

/** Final checks on decoded text: not binary, not empty. */
function accept(decoded: string, encoding: TextEncodingName, bom: boolean, warnings: string[]): DecodeResult {
  const text = decoded.startsWith('\ufeff') ? decoded.slice(1) : decoded;
  const share = controlShare(text);
  if (share > MAX_CONTROL_SHARE) {
    return fail(
      'BINARY',
      `decoded as ${encoding}, ${(share * 100).toFixed(1)}% of the characters are control or undecodable characters: not a text file`,
    );
  }
  if (text.replace(/[\s\u3000\ufeff\u200b]/gu, '') === '') {
    return fail(
      'EMPTY',
      text === ''
        ? `the file holds no text (${encoding}${bom ? ' byte-order mark only' : ''})`
        : `the file contains only whitespace (${encoding})`,
    );
  }
  return { ok: true, text, encoding, bom, warnings };
}

/** Share of characters that text files do not contain: C0 controls (but tab, line breaks, form feed), DEL, U+FFFD. */
function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d) || c === 0x7f || c === 0xfffd) bad += 1;
  }
  return bad / text.length;
}

interface NulCount {
  even: number;
  odd: number;
}

function nulParity(bytes: Uint8Array): NulCount {
  const count = { even: 0, odd: 0 };
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) count.even += 1;
      else count.odd += 1;
    }
  }
  return count;
}

/**
 * UTF-16 without a byte-order mark: ASCII characters (digits, spaces, line breaks) have a
 * NUL high byte, characters such as 一 (U+4E00) a NUL low byte, at most every other
 * byte is a NUL and the length is even. Both byte orders are tried; the one that reads as text wins (read in the
 * wrong order, line breaks and most Chinese characters become unassigned or rare code points).
 */
function bomlessUtf16(bytes: Uint8Array, nuls: NulCount): DecodeResult | null {
  if (bytes.length % 2 === 1 || nuls.even + nuls.odd > bytes.length / 2 + 1) return null;
  const order: Array<'UTF-16LE' | 'UTF-16BE'> = nuls.odd >= nuls.even ? ['UTF-16LE', 'UTF-16BE'] : ['UTF-16BE', 'UTF-16LE'];
  let best: { result: DecodeResult; share: number } | null = null;
  for (const encoding of order) {
    const result = fromUtf16(bytes, encoding, false);
    if (!result.ok) continue;
    const share = textLikeShare(result.text);
    if (share >= MIN_TEXT_LIKE_SHARE && (best === null || share > best.share)) best = { result, share };
  }
  return best?.result ?? null;
}

/** Share of characters of written text: printable ASCII and whitespace, Latin-1, punctuation, CJK, full-width forms. */
function textLikeShare(text: string): number {
  if (text.length === 0) return 1;
  let good = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x20 && c < 0x7f) ||
      c === 0x09 ||
      c === 0x0a ||
      c === 0x0d ||
      (c >= 0xa0 && c <= 0x24f) ||
      (c >= 0x2000 && c <= 0x2bff) ||
      (c >= 0x3000 && c <= 0x9fff) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xffef)
    )
      good += 1;
  }
  return good / text.length;
}

/** Drops an incomplete UTF-8 sequence at the very end (a file cut inside a character). */
function withoutCutCharacter(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= 3 && back <= bytes.length; back += 1) {
    const b = bytes[bytes.length - back]!; // back <= bytes.length
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const needed = (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 1;
    return needed > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}

/**
 * Among the multi-byte GB18030 sequences, the share in the GB2312 area (lead and trail
 * 0xA1–0xFE), where everyday simplified Chinese lives. Big5 and Shift_JIS bytes often
 * decode as GB18030 too, but mostly outside that area.
 */
function gb2312Share(bytes: Uint8Array): number {
  let multi = 0;
  let gb2312 = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!; // i < bytes.length
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const next = bytes[i + 1] ?? 0;
    multi += 1;
    if (next >= 0x30 && next <= 0x39) {
      i += 4; // four-byte sequence
      continue;
    }
    if (b >= 0xa1 && b <= 0xf7 && next >= 0xa1 && next <= 0xfe) gb2312 += 1;
    i += 2;
  }
  return multi === 0 ? 1 : gb2312 / multi;
}

/** The detector's best guess, or null. */
function detect(bytes: Uint8Array): { encoding: string; confidence: number } | null {
  try {
    const all = detectAll(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64 * 1024)));
    const best = all.find((d) => d.encoding);
    return best && best.encoding ? { encoding: best.encoding, confidence: best.confidence } : null;
  } catch {
    return null;
  }
}
