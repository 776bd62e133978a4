import iconv from 'iconv-lite';
import { extractHtmlText, htmlToText } from '../../../src/documents/html';

describe('htmlToText', () => {
  it('an old layout-table page with <br> paragraphs: menu and link lists out, article and footer in', () => {
    const html = `<html><head><title>2023年某某街道法治政府建设工作报告-政务公开_某某区人民政府</title></head><body>
      <table><tr><td class="menu"><a href="/">首页</a><a href="/a">机构设置</a><a href="/b">政策文件</a></td></tr>
      <tr><td><table><tr><td id="content">
        \u3000\u30002023年，某某街道坚持依法行政，全面推进法治政府建设。<br>
        \u3000\u3000一、主要举措和成效<br>
        \u3000\u3000（一）开展学法活动12次，参与干部&nbsp;300余人次。<br>
        \u3000\u3000二、存在的不足<br>
        \u3000\u3000执法力量不足，&lt;执法记录仪&gt;配备不够。<br>
      </td></tr></table></td></tr>
      <tr><td class="links"><a href="#">中国政府网</a> <a href="#">天津政务网</a></td></tr>
      <tr><td>版权所有：某某区人民政府 &copy; 2023</td></tr></table></body></html>`;
    expect(htmlToText(html)).toEqual({
      warnings: [],
      text: [
        '2023年某某街道法治政府建设工作报告',
        '2023年，某某街道坚持依法行政，全面推进法治政府建设。',
        '一、主要举措和成效',
        '（一）开展学法活动12次，参与干部 300余人次。',
        '二、存在的不足',
        '执法力量不足，<执法记录仪>配备不够。',
        '版权所有：某某区人民政府 © 2023',
      ].join('\n'),
    });
  });

  it('the <title> loses its site names but not a year range', () => {
    expect(htmlToText('<title>落实《纲要（2021-2025年）》情况报告 | 某区政府网</title><p>正文，一段。</p>').text).toBe(
      '落实《纲要（2021-2025年）》情况报告\n正文，一段。',
    );
  });

  it('a bare page without markup around the article keeps every line', () => {
    expect(htmlToText('<p>第一段。</p><p>第二段，<b>加粗</b>的文字。</p>').text).toBe('第一段。\n第二段，加粗的文字。');
  });

  it('table rows inside the article become tab-separated lines', () => {
    const html =
      '<div><p>2023年完成情况如下，具体见表：</p><table><tr><th>指标</th><th>数量</th></tr><tr><td>行政复议</td><td>12件</td></tr></table></div>';
    expect(htmlToText(html).text).toBe('2023年完成情况如下，具体见表：\n指标\t数量\n行政复议\t12件');
  });
});

describe('extractHtmlText', () => {
  it('a page that says UTF-8 but is GBK is read as GB18030, with a warning', () => {
    const bytes = iconv.encode('<meta charset="utf-8"><p>2023年，街道开展普法宣传25次。</p>', 'gbk');
    const result = extractHtmlText(bytes);
    expect(result).toMatchObject({ ok: true, text: '2023年，街道开展普法宣传25次。', encoding: 'GB18030' });
    if (result.ok) expect(result.warnings).toEqual(['the page says it is utf-8 but is not; it was read as GB18030']);
  });

  it('a page whose text comes from JavaScript has no text', () => {
    expect(extractHtmlText(Buffer.from('<html><body><div id="app"></div><script>render("正文")</script></body></html>'))).toMatchObject({
      ok: false,
      code: 'EMPTY_DOCUMENT',
    });
  });
});
