import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlignmentType, Document, Footer, Header, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { extractDocument } from '../../../src/documents/extract';
import { sha256 } from '../../../src/shared/hash';
import { seedReport } from '../../helpers/seeds';
import { analysed } from './analysis-essentials';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'documents');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const lines = (raw: string) => raw.split(/\r?\n/u).map((l) => l.trim()).filter((l) => l !== '');

/** A Word document as an office would write it: bold run-in headings (the seed's **…**), a page header and page numbers. */
async function docxOf(raw: string, header: string): Promise<Buffer> {
  const paragraphs = lines(raw).map((line, index) => {
    const runs = line.split(/\*\*/u).map((part, i) => new TextRun({ text: part, bold: i % 2 === 1, font: '仿宋_GB2312', size: 32 }));
    return index === 0 && !/[。，]/u.test(line)
      ? new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: line, bold: true, size: 44 })] })
      : new Paragraph({ indent: { firstLine: 640 }, children: runs });
  });
  const doc = new Document({
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun(header)] })] }) },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })] })] }) },
        children: paragraphs,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const escapeHtml = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/**
 * Seed 004 is a government web page copied as text. This is that page as it was served:
 * site header and menu, breadcrumb, title, metadata, the article in div#zoom, print links
 * and a footer with link lists (drop-downs) and the copyright.
 */
function pageOf004(raw: string): string {
  const all = lines(raw);
  const body = all.slice(5, all.length - 6);
  const [org, date] = all.slice(all.length - 6, all.length - 4);
  const p = (l: string) => `<p style="text-indent:2em">&nbsp;&nbsp;${escapeHtml(l)}</p>`;
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>2022年胡家园街法治政府建设工作总结_天津市滨海新区人民政府</title>
<link rel="stylesheet" href="/css/style.css"><script>var _hmt = _hmt || []; document.write("<p>统计代码</p>");</script>
<style>.nav li{float:left}</style></head>
<body>
<div class="top"><div class="w1200"><span>欢迎访问天津市滨海新区人民政府网站</span><a href="/wza">无障碍</a> | <a href="/fan">繁體</a> | <a href="/m">手机版</a></div></div>
<div class="header"><img src="/logo.png" alt="天津市滨海新区人民政府"><form action="/search"><input type="text" placeholder="请输入关键字"><button>搜索</button></form></div>
<ul class="nav">${['首页', '政务公开', '政务服务', '互动交流', '走进滨海', '专题专栏'].map((m) => `<li><a href="#">${m}</a></li>`).join('')}</ul>
<div class="main w1200">
  <div class="position">当前位置:<a href="/">胡家园街</a>&gt; <a href="/zwgk">政务公开</a>&gt; <a href="/zxwj">最新文件</a></div>
  <div class="article">
    <h1 class="title">${escapeHtml(all[1])}</h1>
    <div class="info"><span>发布日期: 2023-01-28 15:00</span>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;<span>来源: 胡家园街</span></div>
    <div class="tools">字号:<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></div>
    <div class="share"><ul><li class="qr">扫一扫在手机打开当前页<img src="/qr.png" alt="二维码"></li></ul></div>
    <div id="zoom" class="TRS_Editor">
${body.map(p).join('\n')}
<p style="text-align:right">${escapeHtml(org)}</p>
<p style="text-align:right">${escapeHtml(date)}&nbsp;&nbsp;&nbsp;&nbsp;</p>
    </div>
    <div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
  </div>
</div>
<div class="footer">
  <div class="links">
    <select onchange="window.open(this.value)"><option>全国各省市政府网站</option><option value="http://www.beijing.gov.cn">北京</option><option>上海</option></select>
    <select><option>天津市各区政府网站</option><option>和平区</option><option>南开区</option></select>
    <select><option>滨海新区政府系统网站</option><option>发改委</option></select>
  </div>
  <div class="friend"><h3>重点链接</h3><a href="#">中国政府网</a> <a href="#">天津政务网</a> <a href="#">国家统计局</a></div>
  <div class="copyright"><p><a href="#">网站地图</a> | <a href="#">联系我们</a></p>
  <p>主办单位：天津市滨海新区人民政府办公室 &copy; 版权所有</p><p>网站标识码：1201160001 津ICP备05004397号</p></div>
</div>
<script src="/js/common.js"></script>
</body></html>`;
}

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
    expect(analysed(result.text)).toMatchObject({ unit: analysed(raw).unit, year: analysed(raw).year, sections: analysed(raw).sections, metrics: analysed(raw).metrics });
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
    expect(got).toEqual(expect.arrayContaining(['中共滨海新区胡家园街道工作委员会', '2022年11月7日', '全国各省市政府网站', '重点链接', '【打印本页】 【关闭窗口】']));
    for (const dropped of ['首页', '互动交流', '走进滨海', '统计代码', '搜索', '北京', '中国政府网', 'doZoom', '二维码']) expect(result.text).not.toContain(dropped);
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
    expect(await extractDocument(bytes, 'a.TXT')).toEqual({ ok: true, text, format: 'txt', encoding: 'GB18030', sourceSha256: sha256(bytes), warnings: [] });
  });

  it('a PDF named .txt is read as a PDF, with a warning', async () => {
    const result = await extractDocument(fixture('tanggu-2021.pdf'), 'tanggu.txt');
    expect(result).toMatchObject({ ok: true, format: 'pdf' });
    if (result.ok) expect(result.warnings).toEqual(['the file is named .txt but is a PDF document; it was read as PDF']);
  });

  it.each([
    ['empty.txt', Buffer.alloc(0), 'EMPTY', 'the file is empty (0 bytes)'],
    ['old.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'UNSUPPORTED_FORMAT', /old Microsoft Office file .*save it as \.docx/],
    ['scan.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'UNSUPPORTED_FORMAT', /PNG image/],
    ['notes.md', Buffer.from('# 笔记', 'utf8'), 'UNSUPPORTED_FORMAT', 'unsupported file type ".md": expected .txt, .docx, .pdf, .html or .htm'],
    ['fake.docx', Buffer.from(text, 'utf8'), 'CORRUPT_DOCUMENT', /not a Word document/],
    ['fake.pdf', Buffer.from(text, 'utf8'), 'CORRUPT_DOCUMENT', /not a PDF/],
    ['archive.docx', Buffer.from('504b0506000000000000000000000000000000000000', 'hex'), 'CORRUPT_DOCUMENT', /cannot be read as a Word \.docx/],
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
