import { analyzeReport } from '../../../src/reading/analyze';
import {
  BANDS,
  bandKeys,
  boilerplateShingles,
  containment,
  fingerprintClaim,
  foldForReuse,
  MIN_SHARED_BANDS,
  minHash,
  REUSE_THRESHOLD,
  shingleHashes,
} from '../../../src/reports/reuse/fingerprint';
import { findReuse } from '../../../src/reports/reuse/reuse';
import { seedReports } from '../../helpers/seeds';

const LAST_YEAR = '2022年，街道司法所共受理矛盾纠纷198起，调解成功率达到98%，金冠里社区人民调解委员会被评为市级优秀调委会。';
const THIS_YEAR = '2023年，街道司法所共受理矛盾纠纷143起，调解成功率达到99%，金冠里社区人民调解委员会被评为市级优秀调委会。';
const OTHER = '街道综合执法大队开展占路经营专项整治行动，清理乱堆乱放点位三十余处，下达责令改正通知书并依法立案处罚。';

describe('fingerprint', () => {
  it('folds digits and punctuation, so a paragraph reused with new years and numbers is the same text', () => {
    expect(foldForReuse('2023年，共98%。')).toBe('0000年共00');
    expect([...shingleHashes(THIS_YEAR)]).toEqual([...shingleHashes(LAST_YEAR)]);
    expect(fingerprintClaim(THIS_YEAR)!.bands).toEqual(fingerprintClaim(LAST_YEAR)!.bands);
  });

  it('gives BANDS band keys, shared by near-copies and not by unrelated claims', () => {
    const edited = LAST_YEAR.replace('市级优秀调委会', '区级优秀调委会');
    const a = fingerprintClaim(LAST_YEAR)!;
    const b = fingerprintClaim(edited)!;
    expect(a.bands).toHaveLength(BANDS);
    expect(a.bands.every((k) => Number.isInteger(k) && k >= -(2 ** 31) && k < 2 ** 31)).toBe(true);
    expect(a.bands.some((k) => b.bands.includes(k))).toBe(true);
    expect(a.bands.some((k) => fingerprintClaim(OTHER)!.bands.includes(k))).toBe(false);
    expect(bandKeys(minHash(shingleHashes(LAST_YEAR)))).toEqual(a.bands);
  });

  it('has no fingerprint for a claim too short to compare', () => {
    expect(fingerprintClaim('一是加强学习。')).toBeNull();
  });

  it('measures how much of a claim is found in another, without boilerplate', () => {
    const a = shingleHashes(LAST_YEAR);
    expect(containment(a, shingleHashes(THIS_YEAR), new Set())).toBe(1);
    expect(containment(a, shingleHashes(OTHER), new Set())).toBeLessThan(0.1);
    expect(containment(a, a, new Set(a))).toBe(0); // all boilerplate: nothing left to compare
  });

  it('computes the boilerplate list from document frequency across units (at least 3 units or 5%)', () => {
    const units = new Map<number, Set<number>>([
      [1, new Set([1, 2, 3])],
      [2, new Set([1, 2])],
      [3, new Set([1])],
    ]);
    expect([...boilerplateShingles(units)]).toEqual([1]);
    expect([...boilerplateShingles(units, { minUnits: 2 })].sort()).toEqual([1, 2]);
  });
});

describe('findReuse', () => {
  it("drops the unit's own names, so a paragraph copied from another unit with the name changed is the same text", () => {
    expect(foldForReuse('万兴街道金冠里社区调解纠纷', ['万兴街', '万兴街道'])).toBe('金冠里社区调解纠纷');
    const mine = { id: 'a', text: `王顶堤街${LAST_YEAR}`, unitNames: ['王顶堤街', '王顶堤街道'] };
    const theirs = {
      id: 'b',
      text: `万兴街道${LAST_YEAR}`,
      unitNames: ['万兴街', '万兴街道'],
      reportId: 2,
      unitId: 2,
      year: 2022,
      kind: 'SAME_YEAR' as const,
    };
    expect(findReuse([mine], [theirs], new Set(), REUSE_THRESHOLD, null).matches).toEqual([
      { claimId: 'a', matchedClaimId: 'b', reportId: 2, unitId: 2, year: 2022, kind: 'SAME_YEAR', similarity: 1 },
    ]);
  });

  it('gives the share of the comparable text found earlier, and follows only candidates sharing MIN_SHARED_BANDS bands', () => {
    const claims = [
      { id: 'copy', text: THIS_YEAR },
      { id: 'fresh', text: OTHER },
      { id: 'short', text: '加强学习。' },
    ];
    const earlier = { id: 'old', text: LAST_YEAR, reportId: 1, unitId: 1, year: 2022, kind: 'EARLIER' as const };
    const bands = fingerprintClaim(LAST_YEAR)!.bands;
    const reuse = findReuse(claims, [earlier], new Set(), REUSE_THRESHOLD, () => bands);
    expect(reuse.matches.map((m) => [m.claimId, m.matchedClaimId, m.kind])).toEqual([['copy', 'old', 'EARLIER']]);
    expect(reuse.comparableChars).toBe(THIS_YEAR.length + OTHER.length);
    expect(reuse.earlierShare).toBeCloseTo(THIS_YEAR.length / (THIS_YEAR.length + OTHER.length), 10);
    expect(reuse.sameYearShare).toBe(0);
    // a candidate sharing fewer than MIN_SHARED_BANDS bands is not compared (one band since
    // the bands were cut from 8 to 4: sharing none)
    expect(findReuse(claims, [earlier], new Set(), REUSE_THRESHOLD, () => bands.slice(0, MIN_SHARED_BANDS - 1)).matches).toEqual([]);
    expect(findReuse(claims, [earlier], new Set(), REUSE_THRESHOLD, () => bands.slice(0, MIN_SHARED_BANDS)).matches).toHaveLength(1);
  });
});

describe('the five real seed reports', () => {
  const reports = seedReports().map((r, unit) => ({
    unit,
    year: r.year,
    claims: analyzeReport(r.raw, { unit: r.unit, year: r.year }).claims.map((c) => ({ id: `${unit}:${c.id}`, text: c.text })),
  }));
  const boilerplate = boilerplateShingles(
    new Map(reports.map((r) => [r.unit, new Set(r.claims.flatMap((c) => [...shingleHashes(c.text)]))])),
  );

  function reuseBetween(list: Set<number>): number {
    let found = 0;
    for (const r of reports) {
      const others = reports
        .filter((o) => o.unit !== r.unit)
        .flatMap((o) => o.claims.map((c) => ({ ...c, reportId: o.unit, unitId: o.unit, year: o.year, kind: 'SAME_YEAR' as const })));
      found += findReuse(r.claims, others, list, REUSE_THRESHOLD, null).matches.length;
    }
    return found;
  }

  it('share slogans (claims that match when nothing is left out) but no reuse once the corpus boilerplate is left out', () => {
    expect(boilerplate.size).toBeGreaterThan(0);
    expect(reuseBetween(new Set())).toBeGreaterThan(0);
    expect(reuseBetween(boilerplate)).toBe(0);
  });
});
