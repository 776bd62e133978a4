/**
 * Text of a Word .docx (mammoth): one line per paragraph, a table row per line with its
 * cells separated by tabs, soft line breaks kept. Page headers, footers, footnotes and
 * comments are left out. Word's automatic numbering (lists whose 一、 or 1. Word draws
 * itself) is not part of the text: such documents get a warning, since headings may then
 * lose their numbers.
 */
import mammoth from 'mammoth';
import { checkZipBudget, type ZipBudget } from './zip-budget';

/** The result of reading a .docx. */
export type DocxTextResult =
  | { ok: true; text: string; warnings: string[] }
  | { ok: false; code: 'CORRUPT_DOCUMENT' | 'EMPTY_DOCUMENT' | 'DOCUMENT_TOO_LARGE'; message: string };

/** A node of mammoth's document tree (only the fields used here). */
interface DocxNode {
  type: string;
  children?: DocxNode[];
  value?: string;
  breakType?: string;
  numbering?: { isOrdered?: boolean } | null;
}

/**
 * Reads the text of a .docx file. Never throws: a file that is not a .docx (or is damaged)
 * is `CORRUPT_DOCUMENT`, one without text (pictures only, e.g. scanned pages) is
 * `EMPTY_DOCUMENT`.
 */
export async function extractDocxText(
  bytes: Uint8Array,
  budget: ZipBudget = { maxUncompressedBytes: 64 * 1024 * 1024, maxRatio: 200 },
): Promise<DocxTextResult> {
  // sizes checked before mammoth inflates anything (a zip bomb is refused here)
  const zip = checkZipBudget(bytes, budget);
  if (!zip.ok) return zip;
  let rendered: { text: string; numbered: number } | null = null;
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        transformDocument: (document: DocxNode) => {
          rendered = renderDocx(document);
          return document;
        },
      },
    );
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { ok: false, code: 'CORRUPT_DOCUMENT', message: `the file cannot be read as a Word .docx document (${reason})` };
  }
  const result = rendered as { text: string; numbered: number } | null;
  if (result === null || result.text.trim() === '') {
    return {
      ok: false,
      code: 'EMPTY_DOCUMENT',
      message: 'the .docx has no text (pictures only? a scanned document needs OCR first)',
    };
  }
  const warnings: string[] = [];
  if (result.numbered > 0) {
    warnings.push(
      `${result.numbered} paragraph(s) use Word's automatic numbering, whose numbers (一、 （一） 1.) are not in the text: check the sections found, or type the numbers into the document`,
    );
  }
  return { ok: true, text: result.text, warnings };
}

/**
 * Renders mammoth's document tree as report text (pure; exported for tests): paragraphs
 * on their own lines (empty ones dropped), table rows on one line with tab-separated cells.
 * Also counts paragraphs with ordered automatic numbering.
 */
function renderDocx(document: DocxNode): { text: string; numbered: number } {
  const lines: string[] = [];
  let numbered = 0;
  const inline = (node: DocxNode): string => {
    switch (node.type) {
      case 'text':
        return node.value ?? '';
      case 'tab':
        return '\t';
      case 'break':
        return '\n';
      case 'paragraph':
        return (node.children ?? []).map(inline).join('');
      case 'table':
        return (node.children ?? []).map(inline).join(' ');
      case 'tableRow':
        return (node.children ?? []).map(inline).join('\t');
      case 'tableCell':
        return (node.children ?? []).map(inline).map(clean).filter(Boolean).join(' ');
      case 'noteReference':
      case 'commentReference':
      case 'image':
      case 'bookmarkStart':
      case 'checkbox':
        return '';
      default:
        return (node.children ?? []).map(inline).join('');
    }
  };
  const block = (node: DocxNode): void => {
    if (node.type === 'paragraph') {
      if (node.numbering?.isOrdered) numbered += 1;
      for (const line of inline(node).split('\n')) {
        const text = clean(line);
        if (text) lines.push(text);
      }
    } else if (node.type === 'table') {
      for (const row of node.children ?? []) {
        const cells = (row.children ?? []).map((cell) => clean(inline(cell).replace(/\n/gu, ' ')));
        if (cells.some(Boolean)) lines.push(cells.join('\t').replace(/\t+$/u, ''));
      }
    } else {
      for (const child of node.children ?? []) block(child);
    }
  };
  block(document);
  return { text: lines.join('\n'), numbered };
}

/** Trims a line and collapses runs of spaces (tabs between table cells are added later). */
function clean(s: string): string {
  return s.replace(/[ \t\u00a0]+/gu, (m) => (m.includes('\t') ? '\t' : ' ')).trim();
}
