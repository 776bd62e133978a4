import type { ChecklistItemDefinition, MatchRules } from '../../../src/checklist/types';
import { CONTEXT_FACTOR, isLeadClause, withContext } from '../../../src/evidence/context';
import { matchClaims, type MatchableClaim } from '../../../src/evidence/matcher';
import { analyzeReport } from '../../../src/reading/analyze';
import type { SectionKind } from '../../../src/reading/types';

/** A claim inherits its lead clause's or heading's rule links only when nothing linked it. */

function item(code: string, match: Partial<MatchRules>): ChecklistItemDefinition {
  return {
    code,
    parentCode: code.split('.')[0] ?? null,
    title: `item ${code}`,
    text: `item ${code}`,
    assessable: true,
    points: 3,
    match: { keywords: [], together: [], exclude: [], metrics: [], ...match },
    targets: [],
  };
}

const ITEMS = [item('10.1', { keywords: ['组织领导'] }), item('10.7', { keywords: ['普法'] })];

function claim(
  id: string,
  text: string,
  sectionPath = '一/（一）',
  headings: string[] = [],
  sectionKind: SectionKind = 'ACHIEVEMENT',
): MatchableClaim {
  return { id, text, polarity: 'POSITIVE', sectionKind, sectionPath, headings };
}

function run(claims: MatchableClaim[]) {
  return withContext(claims, ITEMS, matchClaims(claims, [], ITEMS));
}

describe('isLeadClause', () => {
  it('knows enumeration openers', () => {
    expect(isLeadClause('一是加强组织领导。')).toBe(true);
    expect(isLeadClause('第二，强化考核。')).toBe(true);
    expect(isLeadClause('坚持统一是关键。')).toBe(false);
  });
});

describe('withContext', () => {
  it('gives the sentences after a lead clause its links, until the next lead or section', () => {
    const links = run([
      claim('c1', '一是加强组织领导。'),
      claim('c2', '成立依法治镇委员会，书记任主任。'),
      claim('c3', '二是做好日常工作。'),
      claim('c4', '成立依法治镇委员会，书记任主任。'),
      claim('c5', '成立依法治镇委员会，书记任主任。', '一/（二）'),
    ]);
    expect(links.map((l) => [l.claimId, l.itemCode, l.rule])).toEqual([
      ['c1', '10.1', 'keyword'],
      ['c2', '10.1', 'lead'],
    ]);
    expect(links[1]?.confidence).toBeCloseTo((links[0]?.confidence ?? 0) * CONTEXT_FACTOR, 2);
  });

  it('falls back to the nearest heading, and never overrides a claim with links of its own', () => {
    const links = run([
      claim('c1', '成立依法治镇委员会。', '一/（一）', ['（一）强化组织领导', '一、主要举措']),
      claim('c2', '开展普法活动12场。', '一/（一）', ['（一）强化组织领导', '一、主要举措']),
    ]);
    expect(links.map((l) => [l.claimId, l.itemCode, l.rule])).toEqual([
      ['c1', '10.1', 'heading'],
      ['c2', '10.7', 'keyword'],
    ]);
  });

  it('gives every claim under one heading the heading’s links with its own id, as when each is read alone', () => {
    const under = ['（一）强化组织领导', '一、主要举措'];
    const claims = [claim('c1', '成立依法治镇委员会。', '一/（一）', under), claim('c2', '书记任主任。', '一/（一）', under)];
    const links = run(claims);
    expect(links.map((l) => [l.claimId, l.itemCode, l.rule])).toEqual([
      ['c1', '10.1', 'heading'],
      ['c2', '10.1', 'heading'],
    ]);
    expect(links).toEqual(claims.flatMap((c) => run([c])));
  });

  it('lets the similarity read the claim with its context when no rule fires on either', () => {
    const seen: string[] = [];
    const similarity = (c: MatchableClaim) => {
      seen.push(c.text);
      return [{ claimId: 'x', itemCode: '10.7', method: 'SIMILARITY' as const, confidence: 0.9, rule: 'similarity', matched: ['宣传'] }];
    };
    const claims = [claim('c1', '二是做好宣传。'), claim('c2', '发放资料500份。', '一/（一）', ['（一）其他工作'])];
    const links = withContext(claims, ITEMS, matchClaims(claims, [], ITEMS), (l) => l, similarity);
    // c1 is a lead with no heading: no context, so nothing is asked of the similarity for it
    expect(links.map((l) => [l.claimId, l.itemCode, l.method, l.rule])).toEqual([['c2', '10.7', 'SIMILARITY', 'similarity+context']]);
    expect(seen).toEqual(['发放资料500份。\n二是做好宣传。\n（一）其他工作']);
  });

  it('never gives context links to preamble claims', () => {
    expect(run([claim('c1', '全年工作如下。', '0', ['强化组织领导'], 'PREAMBLE')])).toEqual([]);
  });
});

describe('analyzeReport headings', () => {
  it('gives each claim the headings of its sections, nearest first', () => {
    const a = analyzeReport('某街道2023年法治政府建设情况报告\n一、主要举措\n（一）强化组织领导\n成立依法治街委员会，定期研究法治工作。\n');
    const c = a.claims.find((x) => x.text.startsWith('成立'));
    expect(c?.headings?.[0]).toContain('强化组织领导');
    expect(c?.headings?.[1]).toContain('主要举措');
  });
});
