/** Recognising file types by their first bytes ("magic numbers"), before trusting a file name. */

/** A file type recognised from its first bytes. */
export type SniffedType = 'PDF' | 'ZIP' | 'OLE2' | 'PNG' | 'JPEG' | 'GIF' | 'RTF' | 'GZIP' | 'RAR' | '7Z' | 'HTML';

interface Signature {
  type: SniffedType;
  /** bytes at offset 0 */
  bytes: number[];
}

const SIGNATURES: readonly Signature[] = [
  { type: 'PDF', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'ZIP', bytes: [0x50, 0x4b, 0x03, 0x04] }, // PK\3\4: .docx, .xlsx, .zip
  { type: 'ZIP', bytes: [0x50, 0x4b, 0x05, 0x06] }, // empty zip
  { type: 'OLE2', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] }, // old .doc / .xls / .wps
  { type: 'PNG', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { type: 'JPEG', bytes: [0xff, 0xd8, 0xff] },
  { type: 'GIF', bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'RTF', bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66] }, // {\rtf
  { type: 'GZIP', bytes: [0x1f, 0x8b] },
  { type: 'RAR', bytes: [0x52, 0x61, 0x72, 0x21] },
  { type: '7Z', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
];

/** What a user should read for each sniffed binary type. */
export const SNIFFED_DESCRIPTIONS: Record<SniffedType, string> = {
  PDF: 'a PDF document',
  ZIP: 'a ZIP archive (.docx, .xlsx or .zip)',
  OLE2: 'an old Microsoft Office file (.doc, .xls or .wps); save it as .docx',
  PNG: 'a PNG image',
  JPEG: 'a JPEG image',
  GIF: 'a GIF image',
  RTF: 'an RTF document; save it as .docx',
  GZIP: 'a gzip archive',
  RAR: 'a RAR archive',
  '7Z': 'a 7-Zip archive',
  HTML: 'an HTML page',
};

/**
 * The type of a file from its first bytes, or null when none is recognised. HTML is
 * recognised when the text (after a UTF-8/UTF-16 byte-order mark and whitespace) begins
 * with `<!DOCTYPE html`, `<html` or `<?xml … <html` (comments such as `<!-- saved from url -->` may come first).
 */
export function sniffType(bytes: Uint8Array): SniffedType | null {
  for (const s of SIGNATURES) {
    if (bytes.length >= s.bytes.length && s.bytes.every((b, i) => bytes[i] === b)) return s.type;
  }
  return looksLikeHtml(bytes) ? 'HTML' : null;
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  let head: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) head = new TextDecoder('utf-16le').decode(bytes.subarray(2, 1026));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) head = new TextDecoder('utf-16be').decode(bytes.subarray(2, 1026));
  else
    head = Buffer.from(bytes.subarray(0, 1024))
      .toString('latin1')
      .replace(/^\u00ef\u00bb\u00bf/u, '');
  // "<!-- saved from url=… -->" and other comments may come first
  const start = head
    .replace(/^(?:\s*<!--[\s\S]*?-->)*/u, '')
    .trimStart()
    .slice(0, 400)
    .toLowerCase();
  return /^<!doctype\s+html/.test(start) || /^<html[\s>]/.test(start) || (/^<\?xml/.test(start) && /<html[\s>]/.test(start));
}
