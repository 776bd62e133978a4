import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { extractDocument } from '../../../src/documents/extract';
import { sha256 } from '../../../src/common/hash';
import { seedReport } from '../../helpers/seeds';
import { analysed } from './analysis-essentials';
import { docxOf, lines, pageOf004 } from './build-documents';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'documents');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
describe('extractDocument: .docx built from the seed reports', () => {
  it.each([
    ['塘沽街道', '塘沽街道办事处'],
    ['万兴街', '万兴街道办事处文件'],
    ['稷下街道', '临淄区稷下街道办事处文件'],
  ])('%s: text by paragraph, page header and footer left out, same analysis as the plain text', async (unit, header) => {
    const raw = seedReport(unit).raw;
    const bytes = await docxOf(raw, header);
    const result = await extractDocument(bytes, `${unit}.docx`);
    expect(result).toMatchObject({ ok: true, format: 'docx', sourceSha256: sha256(bytes), warnings: [] });
    if (!result.ok) return;
    expect(result.text.split('\n')).toEqual(lines(raw).map((l) => l.replace(/\*\*/gu, '').replace(/\s+/gu, ' ')));
    expect(result.text).not.toContain(header);
    expect(analysed(result.text)).toEqual(analysed(raw.replace(/\*\*/gu, '')));
    expect(analysed(result.text)).toMatchObject({
      unit: analysed(raw).unit,
      year: analysed(raw).year,
      sections: analysed(raw).sections,
      metrics: analysed(raw).metrics,
    });
  });
});

describe('extractDocument: PDF with a text layer (fixtures made by scripts/make-pdf-fixtures.ts)', () => {
  it.each([
    ['tanggu-2021.pdf', '塘沽街道'],
    ['wangdingdi-2023.pdf', '王顶堤街'],
  ])('%s: wrapped lines joined, running header and page numbers dropped, same analysis as %s', async (file, unit) => {
    const raw = seedReport(unit).raw;
    const result = await extractDocument(fixture(file), file);
    expect(result).toMatchObject({ ok: true, format: 'pdf', warnings: [] });
    if (!result.ok) return;
    expect(result.text.split('\n')).toEqual(lines(raw));
    expect(result.text).not.toMatch(/— \d+ —|第 \d+ 页|办事处$|工作情况报告\n/mu);
    expect(analysed(result.text)).toEqual(analysed(raw));
  });

  it('a scanned PDF (no text layer) is refused with a clear message', async () => {
    const result = await extractDocument(fixture('scanned.pdf'), 'scan.pdf');
    expect(result).toEqual({
      ok: false,
      code: 'NO_TEXT_LAYER',
      message: 'this PDF has no text layer (1 page of images only); it is probably scanned — run OCR first',
    });
  });

  it('a damaged PDF is CORRUPT_DOCUMENT', async () => {
    const result = await extractDocument(fixture('tanggu-2021.pdf').subarray(0, 2000), 'cut.pdf');
    expect(result).toMatchObject({ ok: false, code: 'CORRUPT_DOCUMENT' });
  });
});

describe('extractDocument: a saved web page', () => {
  const raw = seedReport('胡家园街').raw;
  const html = pageOf004(raw);

  it('keeps breadcrumb, title, metadata, article, signature and footer titles; drops menus, scripts and link lists', async () => {
    const result = await extractDocument(Buffer.from(html, 'utf8'), '胡家园街.html');
    expect(result).toMatchObject({ ok: true, format: 'html', encoding: 'UTF-8' });
    if (!result.ok) return;
    const got = result.text.split('\n');
    expect(got.slice(0, 6)).toEqual([
      '欢迎访问天津市滨海新区人民政府网站无障碍 | 繁體 | 手机版',
      '当前位置:胡家园街> 政务公开> 最新文件',
      '2022年胡家园街法治政府建设工作总结',
      '发布日期: 2023-01-28 15:00 来源: 胡家园街',
      '字号:大 中 小',
      '扫一扫在手机打开当前页',
    ]);
    expect(got).toEqual(
      expect.arrayContaining([
        '中共滨海新区胡家园街道工作委员会',
        '2022年11月7日',
        '全国各省市政府网站',
        '重点链接',
        '【打印本页】 【关闭窗口】',
      ]),
    );
    for (const dropped of ['首页', '互动交流', '走进滨海', '统计代码', '搜索', '北京', '中国政府网', 'doZoom', '二维码'])
      expect(result.text).not.toContain(dropped);
  });

  it('gives the same analysis as the page copied as text (seed 004): chrome sections, unit, year, claims, metrics', async () => {
    const result = await extractDocument(Buffer.from(html, 'utf8'), 'page.htm');
    if (!result.ok) throw new Error(result.message);
    expect(analysed(result.text)).toEqual(analysed(raw));
  });

  it('a GBK page declared by <meta charset=gb2312> decodes', async () => {
    const iconv = await import('iconv-lite');
    const gbk = html.replace('charset=utf-8', 'charset=gb2312');
    const result = await extractDocument(iconv.encode(gbk, 'gb18030'), 'page.html');
    expect(result).toMatchObject({ ok: true, encoding: 'GB18030' });
    if (result.ok) expect(analysed(result.text)).toEqual(analysed(raw));
  });
});

describe('extractDocument: format by content first, then by name', () => {
  const text = '2023年，万兴街持续推进法治政府建设。';

  it('plain text in GB18030 is read as .txt and the SHA-256 is of the original bytes', async () => {
    const iconv = await import('iconv-lite');
    const bytes = iconv.encode(text, 'gb18030');
    expect(await extractDocument(bytes, 'a.TXT')).toEqual({
      ok: true,
      text,
      format: 'txt',
      encoding: 'GB18030',
      sourceSha256: sha256(bytes),
      warnings: [],
    });
  });

  it('a PDF named .txt is read as a PDF, with a warning', async () => {
    const result = await extractDocument(fixture('tanggu-2021.pdf'), 'tanggu.txt');
    expect(result).toMatchObject({ ok: true, format: 'pdf' });
    if (result.ok) expect(result.warnings).toEqual(['the file is named .txt but is a PDF document; it was read as PDF']);
  });

  it.each([
    ['empty.txt', Buffer.alloc(0), 'EMPTY', 'the file is empty (0 bytes)'],
    [
      'old.doc',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]),
      'UNSUPPORTED_FORMAT',
      /old Microsoft Office file .*save it as \.docx/,
    ],
    ['scan.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'UNSUPPORTED_FORMAT', /PNG image/],
    [
      'notes.md',
      Buffer.from('# 笔记', 'utf8'),
      'UNSUPPORTED_FORMAT',
      'unsupported file type ".md": expected .txt, .docx, .pdf, .html or .htm',
    ],
    ['fake.docx', Buffer.from(text, 'utf8'), 'CORRUPT_DOCUMENT', /not a Word document/],
    ['fake.pdf', Buffer.from(text, 'utf8'), 'CORRUPT_DOCUMENT', /not a PDF/],
    [
      'archive.docx',
      Buffer.from('504b0506000000000000000000000000000000000000', 'hex'),
      'CORRUPT_DOCUMENT',
      /cannot be read as a Word \.docx/,
    ],
    ['binary.txt', Buffer.from([1, 0, 2, 0, 3, 0, 0, 0, 7]), 'BINARY', /NUL/],
  ])('%s → %s', async (name, bytes, code, message) => {
    const result = await extractDocument(bytes, name);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.message).not.toContain('\n');
    }
  });

  it('a .docx with text only in pictures is EMPTY_DOCUMENT', async () => {
    const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: [] })] }] }));
    expect(await extractDocument(bytes, 'scan.docx')).toMatchObject({ ok: false, code: 'EMPTY_DOCUMENT' });
  });
});
