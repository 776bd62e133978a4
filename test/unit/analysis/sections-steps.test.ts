import { findTitleLine, sectionKind, uniquePaths } from '../../../src/reading/sections';

const raw = (...texts: string[]) => {
  let start = 0;
  return texts.map((text) => {
    const line = { start, end: start + text.length, text };
    start = line.end + 1;
    return line;
  });
};

describe('the title line', () => {
  it('is the first title-like line before the first heading', () => {
    const lines = raw('万兴街道2022年法治政府建设工作报告', '一、主要成效', '今年以来，我街道……。');
    expect(findTitleLine(lines, 0, lines.length)).toBe(0);
  });

  it('is not looked for past a heading or a body paragraph', () => {
    expect(findTitleLine(raw('一、主要成效', '万兴街道2022年法治政府建设工作报告'), 0, 2)).toBeNull();
    expect(findTitleLine(raw('今年以来，我街道依法行政。', '万兴街道2022年法治政府建设工作报告'), 0, 2)).toBeNull();
  });

  it("is looked for a few lines past a site's slogan (a paragraph with no year and no 我/本 + level), where only a full title counts", () => {
    expect(findTitleLine(raw('坚定信心，团结奋斗。', '司法信息', '江州市人民政府关于2022年法治政府建设情况的报告'), 0, 3)).toBe(2);
    expect(findTitleLine(raw('坚定信心，团结奋斗。', '2022年工作情况'), 0, 2)).toBeNull();
  });

  it('may stand in the header chrome, where a full stop does not end the search', () => {
    const lines = raw('首页 > 政务公开。', '万兴街道2022年法治政府建设工作报告', '一、主要成效');
    expect(findTitleLine(lines, 2, 3)).toBe(1);
  });

  it('is not looked for in the signature', () => {
    const lines = raw('今年以来', '万兴街道2022年法治政府建设工作报告');
    expect(findTitleLine(lines, 0, 1)).toBeNull();
  });
});

describe('unique section paths', () => {
  it('keeps a new path and numbers a repeated one from 2', () => {
    const unique = uniquePaths();
    expect(['一', '一/1', '一', '一', '一/1'].map(unique)).toEqual(['一', '一/1', '一~2', '一~3', '一/1~2']);
  });

  it('skips a numbered path already taken by a heading of its own', () => {
    const unique = uniquePaths();
    expect(['一~2', '一', '一'].map(unique)).toEqual(['一~2', '一', '一~3']);
  });
});

describe('the kind of a section', () => {
  it('of a top-level section comes from its own heading', () => {
    expect(sectionKind('二、存在的不足', null)).toBe('SHORTCOMING');
    expect(sectionKind('一、主要成效', null)).toBe('ACHIEVEMENT');
  });

  it('of a sub-section is its top section’s', () => {
    expect(sectionKind('（一）下一步计划', { heading: '一、主要成效', kind: 'ACHIEVEMENT' })).toBe('ACHIEVEMENT');
  });

  it('under a mixed top heading is its own when it says shortcoming or plan', () => {
    const mixed = { heading: '三、存在的问题及下一步打算', kind: 'SHORTCOMING' as const };
    expect(sectionKind('（二）下一步计划', mixed)).toBe('PLAN');
    expect(sectionKind('（一）存在的不足', mixed)).toBe('SHORTCOMING');
    expect(sectionKind('（三）其他', mixed)).toBe('SHORTCOMING');
  });
});
