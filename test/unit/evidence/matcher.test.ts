import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadChecklistFile } from '../../../src/checklist/checklist-file';
import type { ChecklistItemDefinition } from '../../../src/checklist/types';
import { matchClaims, type MatchableClaim } from '../../../src/evidence/matcher';
import { analyzeReport } from '../../../src/reading/analyze';
import type { AnalysedMetric, Polarity, SectionKind } from '../../../src/reading/types';

/** Real sentences of the seed reports, matched against the real demo checklist. */

const ROOT = join(__dirname, '../../..');
const REPORTS = {
  wanxing: 'seeds/reports/000_6e4407ce581485da.txt',
  wangdingdi: 'seeds/reports/001_84781cc4d090b840.txt',
  jixia: 'seeds/reports/002_d696e94e7c632d16.txt',
  tanggu: 'seeds/reports/003_7e2c2bf165e90f1b.txt',
  hujiayuan: 'seeds/reports/004_744dcdb32919324b.txt',
} as const;

const loaded = loadChecklistFile(join(ROOT, 'seeds/checklist.yaml'));
const items: ChecklistItemDefinition[] = loaded.checklist?.items ?? [];

/**
 * The whole sentence of a seed report that contains `fragment` (from the previous 。；！？ or
 * line break to the next one). Throws when the fragment is not in the file, so the test fails
 * when the seed text changes.
 */
function sentence(report: keyof typeof REPORTS, fragment: string): string {
  const raw = readFileSync(join(ROOT, REPORTS[report]), 'utf8');
  const at = raw.indexOf(fragment);
  if (at < 0) throw new Error(`${REPORTS[report]} no longer contains ${JSON.stringify(fragment)}`);
  const stop = /[。；！？\n]/;
  let start = at;
  while (start > 0 && !stop.test(raw[start - 1]!)) start -= 1;
  let end = at + fragment.length;
  if (!stop.test(raw[end - 1]!)) {
    while (end < raw.length && !stop.test(raw[end]!)) end += 1;
    if (end < raw.length && raw[end] !== '\n') end += 1;
  }
  return raw.slice(start, end).trim();
}

let next = 0;
function claim(text: string, polarity: Polarity = 'POSITIVE', sectionKind: SectionKind = 'ACHIEVEMENT'): MatchableClaim {
  next += 1;
  return { id: `t${next}`, text, polarity, sectionKind, sectionPath: '一' };
}

function metric(claimId: string, key: string, value: number, unit = '%'): AnalysedMetric {
  return { claimId, metric: key, value, unit, qualifier: 'EXACT', start: 0, end: 1, text: `${value}${unit}` };
}

/** The item codes one claim links to. */
function codes(c: MatchableClaim, metrics: AnalysedMetric[] = []): string[] {
  return matchClaims([c], metrics, items).map((l) => l.itemCode);
}

describe('matchClaims on real sentences against seeds/checklist.yaml', () => {
  it('loads the real checklist', () => {
    expect(loaded.errors).toEqual([]);
    expect(items.filter((i) => i.assessable)).toHaveLength(31);
  });

  it('links 万兴街 "行政机关负责人出庭应诉率达到 100%" to 7.4, by keyword and by its metric', () => {
    const c = claim(sentence('wanxing', '行政机关负责人出庭应诉率达到 100%'));
    const byWords = matchClaims([c], [], items).find((l) => l.itemCode === '7.4');
    expect(byWords).toMatchObject({ claimId: c.id, method: 'RULE', rule: 'keyword' });
    expect(byWords?.matched).toContain('出庭应诉');
    const byMetric = matchClaims([c], [metric(c.id, 'COURT_APPEARANCE_RATE', 100)], items).find((l) => l.itemCode === '7.4');
    expect(byMetric).toMatchObject({ rule: 'metric' });
    expect(byMetric?.matched).toEqual(expect.arrayContaining(['COURT_APPEARANCE_RATE', '出庭应诉']));
    expect(byMetric!.confidence).toBeGreaterThan(byWords!.confidence);
  });

  it('links 稷下街道 "没有配备执法记录仪" (a shortcoming, NEGATIVE) to 5.5 — the assessment decides how it counts', () => {
    const c = claim(sentence('jixia', '没有配备执法记录仪'), 'NEGATIVE', 'SHORTCOMING');
    expect(codes(c)).toContain('5.5');
  });

  it('links 万兴街 法治进校园 (a 2023 plan) to 10.8, but not food safety around schools', () => {
    expect(codes(claim(sentence('wanxing', '继续利用多种形式推进法治进校园'), 'PLAN', 'PLAN'))).toContain('10.8');
    const food = claim(sentence('wanxing', '重点关注校园周边小食品为突破点'));
    expect(codes(food)).not.toContain('10.8');
    expect(codes(food)).toContain('5.3');
  });

  it('links 胡家园街 "重大行政决策全部经合法性审查" to 4.1 and 4.2', () => {
    const c = claim(sentence('hujiayuan', '重大行政决策全部经合法性审查'));
    expect(codes(c)).toEqual(expect.arrayContaining(['4.1', '4.2']));
    const withRate = matchClaims([c], [metric(c.id, 'MAJOR_DECISION_LEGAL_REVIEW_RATE', 100)], items).find((l) => l.itemCode === '4.2');
    expect(withRate?.rule).toBe('metric');
  });

  it('links "主动公开政府信息141条" to 8.1, and neither 村务公开 nor 执法公示 to 8.1', () => {
    expect(codes(claim(sentence('jixia', '主动公开政府信息141条')))).toEqual(['8.1']);
    const village = claim(sentence('hujiayuan', '深化落实村务公开制度'));
    expect(codes(village)).not.toContain('8.1');
    const enforcement = claim(sentence('wangdingdi', '建立行政执法公示制度'));
    expect(codes(enforcement)).not.toContain('8.1');
    expect(codes(enforcement)).toContain('5.1');
    expect(codes(claim(sentence('wangdingdi', '在我街执法队完整、及时公开行政执法主体')))).toEqual(['5.1']);
  });

  it('does not take 代理诉讼 (a lawyer representing the government) for 7.4', () => {
    const c = claim(sentence('jixia', '代理诉讼等法律事务'));
    expect(codes(c)).not.toContain('7.4');
    expect(codes(c)).toContain('4.3');
  });

  it('does not take studying 《行政复议法》 for 7.3, but takes handling 行政复议 work', () => {
    const study = claim(sentence('wangdingdi', '组织执法人员学习《行政复议法》'));
    expect(codes(study)).not.toContain('7.3');
    expect(codes(claim(sentence('tanggu', '进一步规范行政复议和行政应诉工作。')))).toEqual(['7.3', '7.4']);
  });

  it('links the opening slogan to nothing when it is in a PREAMBLE, and a PREAMBLE never links', () => {
    const slogan = sentence('jixia', '稷下街道深入学习贯彻习近平法治思想');
    expect(matchClaims([claim(slogan, 'POSITIVE', 'PREAMBLE')], [], items)).toEqual([]);
    const wanxing = claim(sentence('wanxing', '扎实有效开展法治政府建设'), 'POSITIVE', 'PREAMBLE');
    expect(matchClaims([wanxing], [metric(wanxing.id, 'COURT_APPEARANCE_RATE', 100)], items)).toEqual([]);
    expect(matchClaims([claim('中共滨海新区胡家园街道工作委员会', 'POSITIVE', 'SIGNATURE')], [], items)).toEqual([]);
    expect(matchClaims([claim('当前位置:胡家园街> 政务公开> 最新文件', 'POSITIVE', 'CHROME')], [], items)).toEqual([]);
  });

  it('links a generic sentence to at most 2 items, even outside the preamble', () => {
    const generic = [
      sentence('jixia', '稷下街道深入学习贯彻习近平法治思想'),
      sentence('tanggu', '不断提高运用法治思维和法治方式深化改革'),
      sentence('wanxing', '深入开展社会治理大融合行动'),
      sentence('hujiayuan', '全面深入加以推进和落实'),
      sentence('wangdingdi', '习近平法治思想是对党领导法治建设丰富实践和宝贵经验的科学总结'),
    ];
    const tooMany = generic.map((text) => ({ text, links: codes(claim(text)) })).filter((g) => g.links.length > 2);
    expect(tooMany).toEqual([]);
  });

  it('tells 1.1 (studying 习近平法治思想) from 10.4 (leaders studying law)', () => {
    expect(codes(claim(sentence('wangdingdi', '党政班子成员通过理论学习中心组围绕习近平法治思想')))).toEqual(['1.1']);
    expect(codes(claim(sentence('jixia', '2023年共开展领导班子学法6次')))).toEqual(['10.4']);
    // 服务中心组织… is not a 中心组 studying law
    expect(codes(claim(sentence('hujiayuan', '街道公共法律服务中心组织律师值班服务37')))).toEqual(['7.6']);
  });

  it("tells 4.3 (the government's adviser) from 7.6 (legal services for residents)", () => {
    expect(codes(claim(sentence('wanxing', '律师事务所律师为常年法律顾问')))).toContain('4.3');
    const community = codes(claim(sentence('jixia', '定期开展一村（社区）一法律顾问工作部署会')));
    expect(community).toContain('7.6');
    expect(community).not.toContain('4.3');
  });

  it('tells 7.1 (mediation) from 7.2 (信访)', () => {
    expect(codes(claim(sentence('hujiayuan', '共计调解各类矛盾纠纷576起')))).toEqual(['7.1']);
    expect(codes(claim(sentence('hujiayuan', '累计办理信访事项100余件次')))).toEqual(['7.2']);
  });

  it('does not count names of documents as evidence', () => {
    // 《…工作任务清单》 and 《…实施纲要》 carry no rule's words once blanked
    const names = claim('按照《天津市法治政府建设实施纲要》和《南开区关于贯彻落实<天津市法治政府建设实施纲要>工作任务清单》要求开展工作。');
    expect(codes(names)).toEqual([]);
  });
});

describe('matchClaims on a whole analysed report', () => {
  const analyse = (report: keyof typeof REPORTS) => analyzeReport(readFileSync(join(ROOT, REPORTS[report]), 'utf8'));

  it('proposes no link on a PREAMBLE, CHROME or SIGNATURE claim', () => {
    for (const report of Object.keys(REPORTS) as (keyof typeof REPORTS)[]) {
      const a = analyse(report);
      const kinds = new Map(a.claims.map((c) => [c.id, c.sectionKind]));
      for (const l of matchClaims(a.claims, a.metrics, items)) {
        expect(['PREAMBLE', 'CHROME', 'SIGNATURE']).not.toContain(kinds.get(l.claimId));
      }
    }
  });

  it('finds 万兴街 10.8 only in plan claims, and its 7.4 on a positive claim', () => {
    const a = analyse('wanxing');
    const polarity = new Map(a.claims.map((c) => [c.id, c.polarity]));
    const links = matchClaims(a.claims, a.metrics, items);
    const of = (code: string) => links.filter((l) => l.itemCode === code).map((l) => polarity.get(l.claimId));
    expect(of('10.8').length).toBeGreaterThan(0);
    expect(new Set(of('10.8'))).toEqual(new Set(['PLAN']));
    expect(of('7.4')).toContain('POSITIVE');
  });

  it('finds 稷下街道 5.5 only as a shortcoming', () => {
    const a = analyse('jixia');
    const polarity = new Map(a.claims.map((c) => [c.id, c.polarity]));
    const links = matchClaims(a.claims, a.metrics, items).filter((l) => l.itemCode === '5.5');
    expect(links.map((l) => polarity.get(l.claimId))).toEqual(['NEGATIVE']);
  });

  it('is deterministic and ordered by claim, then checklist order', () => {
    const a = analyse('hujiayuan');
    const first = matchClaims(a.claims, a.metrics, items);
    expect(matchClaims(a.claims, a.metrics, items)).toEqual(first);
    const claimOrder = new Map(a.claims.map((c, i) => [c.id, i]));
    const itemOrder = new Map(items.map((it, i) => [it.code, i]));
    const keys = first.map((l) => [claimOrder.get(l.claimId)!, itemOrder.get(l.itemCode)!]);
    const sorted = [...keys].sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
    expect(keys).toEqual(sorted);
    expect(first.every((l) => l.confidence > 0 && l.confidence <= 1)).toBe(true);
  });
});
