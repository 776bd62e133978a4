/**
 * Builds the PDF fixtures of test/fixtures/documents/ from the seed reports:
 *
 *   node scripts/run-ts.js scripts/make-pdf-fixtures.ts
 *
 * - tanggu-2021.pdf     seeds/reports/003 (塘沽街道 2021) laid out as an A4 report: centred
 *                       title, paragraphs with a two-character first-line indent, lines
 *                       wrapped by the layout, a running header on every page and a
 *                       "— N —" page number at the foot;
 * - wangdingdi-2023.pdf seeds/reports/001 (王顶堤街 2023): the same with "第 N 页 共 M 页"
 *                       footers and a running header;
 * - scanned.pdf         a page with drawn shapes and no text layer (what a scanner makes).
 *
 * Chinese text needs a CJK font: Noto Sans CJK from Debian's fonts-noto-cjk
 * (`apt-get install fonts-noto-cjk`), or the font file named by CJK_FONT. The generated
 * files are committed, so tests and CI do not need the font.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'test', 'fixtures', 'documents');
const FONT = process.env.CJK_FONT ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const FONT_FACE = process.env.CJK_FONT_FACE ?? 'NotoSansCJKsc-Regular';
/** Fixed dates keep the files the same from one run to the next. */
const FIXED_DATE = new Date('2024-01-02T03:04:05Z');

interface ReportLayout {
  seed: string;
  out: string;
  header: string;
  footer: (page: number, pages: number) => string;
  fontSize: number;
}

const REPORTS: ReportLayout[] = [
  {
    seed: 'seeds/reports/003_7e2c2bf165e90f1b.txt',
    out: 'tanggu-2021.pdf',
    header: '塘沽街道法治政府建设工作情况报告',
    footer: (page) => `— ${page} —`,
    fontSize: 13,
  },
  {
    seed: 'seeds/reports/001_84781cc4d090b840.txt',
    out: 'wangdingdi-2023.pdf',
    header: '天津市南开区王顶堤街道办事处',
    footer: (page, pages) => `第 ${page} 页 共 ${pages} 页`,
    fontSize: 12,
  },
];

function newDocument(): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 72, right: 72 },
    bufferPages: true,
    info: { Title: 'fixture', Producer: 'pdfkit', Creator: 'scripts/make-pdf-fixtures.ts', CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
  });
}

function save(doc: PDFKit.PDFDocument, file: string): Promise<void> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve, reject) => {
    doc.on('end', () => {
      writeFileSync(join(OUT, file), Buffer.concat(chunks));
      resolve();
    });
    doc.on('error', reject);
    doc.end();
  });
}

/** A report: each non-empty line of the seed is a paragraph; the first is the centred title when it has no full stop. */
async function makeReport(layout: ReportLayout): Promise<void> {
  const lines = readFileSync(join(ROOT, layout.seed), 'utf8')
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const doc = newDocument();
  doc.registerFont('cjk', FONT, FONT_FACE);
  doc.font('cjk').fontSize(layout.fontSize);
  const indent = layout.fontSize * 2;
  lines.forEach((line, index) => {
    const isTitle = index === 0 && !/[。，]/u.test(line);
    if (isTitle) {
      doc.fontSize(layout.fontSize + 4).text(line, { align: 'center', paragraphGap: layout.fontSize });
      doc.fontSize(layout.fontSize);
    } else {
      doc.text(line, { indent, paragraphGap: layout.fontSize * 0.4, lineGap: 3 });
    }
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    doc.fontSize(9).text(layout.header, 72, 36, { width: doc.page.width - 144, align: 'center', lineBreak: false });
    doc
      .moveTo(72, 52)
      .lineTo(doc.page.width - 72, 52)
      .lineWidth(0.5)
      .stroke();
    doc.fontSize(10).text(layout.footer(i + 1, range.count), 72, doc.page.height - 48, {
      width: doc.page.width - 144,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins = margins;
  }
  await save(doc, layout.out);
  process.stdout.write(`${layout.out}: ${range.count} pages from ${layout.seed}\n`);
}

/** A "scanned" page: a frame, a stamp-like circle and grey bars where text would be, no text objects. */
async function makeScanned(): Promise<void> {
  const doc = newDocument();
  doc
    .rect(60, 60, doc.page.width - 120, doc.page.height - 120)
    .lineWidth(1)
    .stroke();
  for (let y = 120; y < 700; y += 24) doc.rect(90, y, doc.page.width - 180 - ((y * 7) % 90), 10).fill('#999999');
  doc.circle(420, 720, 40).lineWidth(2).stroke('#cc0000');
  await save(doc, 'scanned.pdf');
  process.stdout.write('scanned.pdf: 1 page, no text layer\n');
}

async function main(): Promise<void> {
  if (!existsSync(FONT)) {
    process.stderr.write(`make-pdf-fixtures: no CJK font at ${FONT}; apt-get install fonts-noto-cjk or set CJK_FONT\n`);
    process.exit(2);
  }
  mkdirSync(OUT, { recursive: true });
  for (const layout of REPORTS) await makeReport(layout);
  await makeScanned();
}

main().catch((e: unknown) => {
  process.stderr.write(`make-pdf-fixtures: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
