import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { extractDocxText } from '../../../src/documents/docx';

const cell = (...texts: string[]) => new TableCell({ children: texts.map((t) => new Paragraph(t)) });

describe('extractDocxText', () => {
  it('renders paragraphs, soft line breaks and table rows (cells separated by tabs)', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('一、主要举措'), new TextRun({ text: '第二行', break: 1 })] }),
            new Paragraph(''),
            new Table({
              rows: [
                new TableRow({ children: [cell('指标'), cell('完成情况')] }),
                new TableRow({ children: [cell('行政复议'), cell('12件', '（全部办结）')] }),
              ],
            }),
            new Paragraph({ children: [new TextRun('  前后有空格  ')] }),
          ],
        },
      ],
    });
    const result = await extractDocxText(await Packer.toBuffer(doc));
    expect(result).toEqual({
      ok: true,
      warnings: [],
      text: '一、主要举措\n第二行\n指标\t完成情况\n行政复议\t12件 （全部办结）\n前后有空格',
    });
  });

  it("warns when headings use Word's automatic numbering (the numbers are not in the text)", async () => {
    const doc = new Document({
      numbering: {
        config: [
          { reference: 'parts', levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT }] },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ text: '主要举措和成效', numbering: { reference: 'parts', level: 0 } }),
            new Paragraph('今年开展培训3次。'),
            new Paragraph({ text: '存在的不足', numbering: { reference: 'parts', level: 0 } }),
          ],
        },
      ],
    });
    const result = await extractDocxText(await Packer.toBuffer(doc));
    expect(result).toMatchObject({ ok: true, text: '主要举措和成效\n今年开展培训3次。\n存在的不足' });
    if (result.ok) expect(result.warnings).toEqual([expect.stringMatching(/^2 paragraph\(s\) use Word's automatic numbering/)]);
  });
});
