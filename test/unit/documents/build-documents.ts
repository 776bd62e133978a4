/** Real documents built from the seed reports, as offices send them (used by the extraction and ingest tests). */
import { AlignmentType, Document, Footer, Header, Packer, PageNumber, Paragraph, TextRun } from 'docx';

/** The non-empty lines of a text, trimmed. */
export const lines = (raw: string) =>
  raw
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** A Word document as an office would write it: bold run-in headings (the seed's **…**), a page header and page numbers. */
export async function docxOf(raw: string, header: string): Promise<Buffer> {
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
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })] }),
            ],
          }),
        },
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
export function pageOf004(raw: string): string {
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
    <h1 class="title">${escapeHtml(all[1]!)}</h1>
    <div class="info"><span>发布日期: 2023-01-28 15:00</span>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;<span>来源: 胡家园街</span></div>
    <div class="tools">字号:<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></div>
    <div class="share"><ul><li class="qr">扫一扫在手机打开当前页<img src="/qr.png" alt="二维码"></li></ul></div>
    <div id="zoom" class="TRS_Editor">
${body.map(p).join('\n')}
<p style="text-align:right">${escapeHtml(org!)}</p>
<p style="text-align:right">${escapeHtml(date!)}&nbsp;&nbsp;&nbsp;&nbsp;</p>
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
