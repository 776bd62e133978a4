import { isPageNumber, leadingChunkWidth, pdfTextFromPages, type PdfPageText, type PdfTextItem } from '../../../src/documents/pdf';

const SIZE = 12;
const VIEW = [0, 0, 595, 842];

/** A text item of `str` at (x, y) in a 12 pt CJK font: every character one em wide. */
const item = (str: string, x: number, y: number, size = SIZE): PdfTextItem => ({
  str,
  transform: [size, 0, 0, size, x, y],
  width: [...str].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2000 ? 0.55 : 1) * size, 0),
  height: size,
});

/** A page with a running header, body lines at 72 pt (indented paragraphs at 96 pt) and a footer. */
function page(n: number, body: Array<[string, boolean]>, footer: string, header = '某某街道办事处文件'): PdfPageText {
  const items = [item(header, 240, 800, 9)];
  body.forEach(([text, indented], i) => items.push(item(text, indented ? 96 : 72, 760 - i * 20)));
  items.push(item(footer, 280, 40, 10));
  return { view: VIEW, items };
}

// 37 characters fill the 72…516 measure at 12 pt, 35 after a two-character indent
const FULL_1 = '二〇二三年，本街道坚持以习近平新时代中国特色社会主义思想为指导，深入学'; // indented line: 35 chars
const FULL_2 = '习贯彻习近平法治思想，全面落实法治政府建设实施纲要，扎实推进各项工作落实年';

describe('pdfTextFromPages', () => {
  it('joins wrapped lines (also inside a word and across pages), drops headers, footers and page numbers', () => {
    const pages = [
      page(
        1,
        [
          ['一、主要举措和成效', true],
          [FULL_1, true],
          [FULL_2, false],
          ['内组织培训12次。', false],
        ],
        '— 1 —',
      ),
      page(
        2,
        [
          ['（一）加强组织领导。全年开展专题学习研讨活动共计十二次，参与的人员共三', true],
          ['百余人次。', false],
          ['二、存在的不足', true],
        ],
        '— 2 —',
      ),
    ];
    const result = pdfTextFromPages(pages);
    expect(result).toEqual({
      ok: true,
      pages: 2,
      warnings: [],
      text: [
        '一、主要举措和成效',
        `${FULL_1}${FULL_2}内组织培训12次。`,
        '（一）加强组织领导。全年开展专题学习研讨活动共计十二次，参与的人员共三百余人次。',
        '二、存在的不足',
      ].join('\n'),
    });
  });

  it('keeps a paragraph break after a short line, before an indented line and before a bigger gap', () => {
    const items = [item('第一段很短。', 96, 700), item(FULL_1, 96, 680), item('下一段没有缩进但隔了一行。', 72, 630)];
    const result = pdfTextFromPages([{ view: VIEW, items }]);
    expect(result.ok && result.text).toBe(['第一段很短。', FULL_1, '下一段没有缩进但隔了一行。'].join('\n'));
  });

  it('puts a space between Latin words and between items with a gap on one line', () => {
    const items = [item('发布日期:', 72, 700), item('2023-01-28', 140, 700), item('来源:', 260, 700), item('胡家园街', 300, 700)];
    const result = pdfTextFromPages([{ view: VIEW, items }]);
    expect(result.ok && result.text).toBe('发布日期: 2023-01-28 来源: 胡家园街');
  });

  it('says which pages have no text layer when others have', () => {
    const result = pdfTextFromPages([
      page(1, [['正文第一页。', true]], '1'),
      { view: VIEW, items: [] },
      page(3, [['正文第三页。', true]], '3'),
    ]);
    expect(result).toMatchObject({
      ok: true,
      warnings: ['page 2 of 3 has no text layer (scanned?): their content is missing — run OCR on them'],
    });
  });

  it('a PDF with only page numbers has no text', () => {
    const result = pdfTextFromPages([{ view: VIEW, items: [item('1', 290, 40)] }]);
    expect(result).toMatchObject({ ok: false, code: 'NO_TEXT_LAYER' });
  });

  it('text in private-use code points (fonts without a Unicode map) is UNREADABLE_TEXT', () => {
    const result = pdfTextFromPages([{ view: VIEW, items: [item('\ue001\ue002\ue003\ue004 \ue005\ue006', 72, 700)] }]);
    expect(result).toMatchObject({ ok: false, code: 'UNREADABLE_TEXT' });
  });

  it('a line that merely repeats on one page is kept', () => {
    const items = [item('某某街道办事处文件', 240, 800, 9), item('正文。', 96, 700)];
    const result = pdfTextFromPages([{ view: VIEW, items }]);
    expect(result.ok && result.text).toBe('某某街道办事处文件\n正文。');
  });
});

describe('page numbers and line starts', () => {
  it.each(['3', '- 3 -', '— 12 —', '第 3 页', '第3页 共5页', '3/5', 'Page 3 of 5', '共 5 页 第 3 页'])('%s is a page number', (t) => {
    expect(isPageNumber(t)).toBe(true);
  });
  it.each(['2023年', '3.5%', '一、总体情况', '第三部分'])('%s is not', (t) => {
    expect(isPageNumber(t)).toBe(false);
  });
  it('a closing quote holds on to the next character; a number is one chunk', () => {
    expect(leadingChunkWidth('人”微宣讲', 10)).toBe(30);
    expect(leadingChunkWidth('2023年', 10)).toBeCloseTo(22);
    expect(leadingChunkWidth('“法律', 10)).toBe(20);
  });
});
