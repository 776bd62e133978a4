/**
 * Report text from a document as users receive it: plain text in any supported encoding,
 * Word .docx, PDF with a text layer, or a saved web page. The format is decided by the
 * file's first bytes when they are recognisable (a PDF named .txt is read as a PDF, with a
 * warning), else by the file name's extension. The extracted text is what gets stored and
 * analysed; the SHA-256 of the original bytes is kept beside it.
 */
import { extname } from 'node:path';
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from '../config';
import type { UserErrorCode } from '../common/error-codes';
import { sha256 } from '../common/hash';
import { decodeReportBytes } from './decode';
import { extractDocxText } from './docx';
import { extractHtmlText } from './html';
import { SNIFFED_DESCRIPTIONS, sniffType, type SniffedType } from './magic';
import { extractPdfText } from './pdf';

/** The document formats read. */
export type DocumentFormat = 'txt' | 'docx' | 'pdf' | 'html';

/** File name extensions of the supported formats (lower case, with the dot). */
const SUPPORTED_EXTENSIONS: Readonly<Record<string, DocumentFormat>> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.docx': 'docx',
  '.pdf': 'pdf',
  '.html': 'html',
  '.htm': 'html',
};

export type ExtractResult =
  | {
      ok: true;
      text: string;
      format: DocumentFormat;
      /** SHA-256 (hex) of the original file's bytes */
      sourceSha256: string;
      /** the text encoding, for .txt and .html */
      encoding?: string;
      warnings: string[];
    }
  | { ok: false; code: UserErrorCode; message: string };

/** The format a file name's extension stands for, or null when it is not supported. */
export function formatOfFileName(fileName: string): DocumentFormat | null {
  return SUPPORTED_EXTENSIONS[extname(fileName).toLowerCase()] ?? null;
}

const FORMAT_OF_SNIFFED: Partial<Record<SniffedType, DocumentFormat>> = { PDF: 'pdf', ZIP: 'docx', HTML: 'html' };

/**
 * Extracts the report text of a document. Never throws: every failure is a result with a
 * stable code (EMPTY, BINARY, UNSUPPORTED_ENCODING, UNSUPPORTED_FORMAT, NO_TEXT_LAYER,
 * UNREADABLE_TEXT, ENCRYPTED, CORRUPT_DOCUMENT, EMPTY_DOCUMENT) and a one-line message.
 */
export async function extractDocument(
  bytes: Uint8Array,
  fileName: string,
  limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
): Promise<ExtractResult> {
  if (bytes.length === 0) return { ok: false, code: 'EMPTY', message: 'the file is empty (0 bytes)' };
  const ext = extname(fileName).toLowerCase();
  const byName = formatOfFileName(fileName);
  const sniffed = sniffType(bytes) ?? (byName === 'pdf' && hasPdfHeader(bytes) ? 'PDF' : null);
  const warnings: string[] = [];

  let format: DocumentFormat;
  if (sniffed !== null) {
    const byContent = FORMAT_OF_SNIFFED[sniffed];
    if (!byContent) {
      return {
        ok: false,
        code: 'UNSUPPORTED_FORMAT',
        message: `the file is ${SNIFFED_DESCRIPTIONS[sniffed]}: expected .txt, .docx, .pdf, .html or .htm`,
      };
    }
    format = byContent;
    if (byName !== null && byName !== format && !(byName === 'txt' && format === 'html')) {
      warnings.push(`the file is named ${ext} but is ${SNIFFED_DESCRIPTIONS[sniffed]}; it was read as ${format.toUpperCase()}`);
    }
  } else if (byName === null) {
    return {
      ok: false,
      code: 'UNSUPPORTED_FORMAT',
      message: `unsupported file type "${ext || '(none)'}": expected .txt, .docx, .pdf, .html or .htm`,
    };
  } else if (byName === 'docx' || byName === 'pdf') {
    return {
      ok: false,
      code: 'CORRUPT_DOCUMENT',
      message:
        byName === 'pdf'
          ? 'the file is named .pdf but is not a PDF (no %PDF header)'
          : 'the file is named .docx but is not a Word document (a .docx is a ZIP archive)',
    };
  } else {
    format = byName;
  }

  const sourceSha256 = sha256(bytes);
  switch (format) {
    case 'txt': {
      const decoded = decodeReportBytes(bytes);
      if (!decoded.ok) return decoded;
      return {
        ok: true,
        text: decoded.text,
        format,
        sourceSha256,
        encoding: decoded.encoding,
        warnings: [...warnings, ...decoded.warnings],
      };
    }
    case 'html': {
      const page = extractHtmlText(bytes, limits.maxHtmlDepth);
      if (!page.ok) return page;
      return { ok: true, text: page.text, format, sourceSha256, encoding: page.encoding, warnings: [...warnings, ...page.warnings] };
    }
    case 'docx': {
      const doc = await extractDocxText(bytes, { maxUncompressedBytes: limits.maxDocxUncompressedBytes, maxRatio: limits.maxZipRatio });
      if (!doc.ok) return doc;
      return { ok: true, text: doc.text, format, sourceSha256, warnings: [...warnings, ...doc.warnings] };
    }
    case 'pdf': {
      const pdf = await extractPdfText(bytes, { maxPages: limits.maxPdfPages, maxTextChars: limits.maxTextBytes });
      if (!pdf.ok) return pdf;
      return { ok: true, text: pdf.text, format, sourceSha256, warnings: [...warnings, ...pdf.warnings] };
    }
  }
}

/** A PDF may have a few bytes of junk before its `%PDF-` header (within the first 1024). */
function hasPdfHeader(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');
}
