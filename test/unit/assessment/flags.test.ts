import type { FlagCode } from '../../../src/checklist/types';
import { FLAG_CODES } from '../../../src/checklist/types';
import { itemFlags, reportMissingFlags, type FlagSettings, type ItemFlagInput } from '../../../src/assessment/flags';
import type { TargetCheck } from '../../../src/assessment/types';
import { inEnglish } from '../../helpers/english';

const settings = (overrides: Partial<FlagSettings> = {}): FlagSettings => {
  const all = Object.fromEntries(FLAG_CODES.map((code) => [code, { enabled: true, severity: 'WARNING' as const }])) as FlagSettings;
  return { ...all, NO_EVIDENCE: { enabled: true, severity: 'ERROR' }, ...overrides };
};

const none = { positiveClaimIds: [], planClaimIds: [], negativeClaimIds: [] };
const rate = (overrides: Partial<TargetCheck>): TargetCheck => ({
  metric: 'COURT_APPEARANCE_RATE',
  op: '>=',
  threshold: 100,
  unit: '%',
  value: null,
  qualifier: null,
  claimId: null,
  met: null,
  ...overrides,
});
const input = (overrides: Partial<ItemFlagInput>): ItemFlagInput => ({
  code: '7.4',
  status: 'MISSING',
  confirmedStatus: 'MISSING',
  evidence: none,
  confirmedEvidence: none,
  targets: [],
  ...overrides,
});
const codes = (flags: { code: FlagCode }[]): FlagCode[] => flags.map((flag) => flag.code);

describe('itemFlags', () => {
  it('raises NO_EVIDENCE for a MISSING item, with the checklist severity', () => {
    expect(inEnglish(itemFlags(input({ targets: [rate({})] }), settings()))).toEqual([
      {
        code: 'NO_EVIDENCE',
        severity: 'ERROR',
        itemCode: '7.4',
        message: '7.4: no evidence in the report (no accepted or proposed link).',
        claimIds: [],
      },
    ]);
  });

  it('raises ONLY_PLANNED for a PLANNED_ONLY item, explained by the plan claims', () => {
    const evidence = { ...none, planClaimIds: ['c40'] };
    expect(
      inEnglish(
        itemFlags(
          input({ code: '10.8', status: 'PLANNED_ONLY', confirmedStatus: 'PLANNED_ONLY', evidence, confirmedEvidence: evidence }),
          settings(),
        ),
      ),
    ).toEqual([
      {
        code: 'ONLY_PLANNED',
        severity: 'WARNING',
        itemCode: '10.8',
        message: '10.8: only planned (claim c40), no evidence of work done.',
        claimIds: ['c40'],
      },
    ]);
  });

  it('raises SHORTCOMING_REPORTED for any negative claim, even beside positive evidence', () => {
    const evidence = { ...none, positiveClaimIds: ['c12'], negativeClaimIds: ['c31'] };
    const flags = itemFlags(
      input({ code: '5.5', status: 'COVERED', confirmedStatus: 'COVERED', evidence, confirmedEvidence: evidence }),
      settings(),
    );
    expect(inEnglish(flags)).toEqual([
      {
        code: 'SHORTCOMING_REPORTED',
        severity: 'WARNING',
        itemCode: '5.5',
        message: '5.5: the report states a shortcoming (claim c31).',
        claimIds: ['c31'],
      },
    ]);
    const negativeOnly = { ...none, negativeClaimIds: ['c31', 'c32'] };
    expect(
      codes(
        itemFlags(
          input({
            code: '5.5',
            status: 'NEGATIVE_ONLY',
            confirmedStatus: 'NEGATIVE_ONLY',
            evidence: negativeOnly,
            confirmedEvidence: negativeOnly,
          }),
          settings(),
        ),
      ),
    ).toEqual(['SHORTCOMING_REPORTED']);
  });

  it('raises TARGET_NOT_MET per missed target and TARGET_NOT_REPORTED per target without value', () => {
    const evidence = { ...none, positiveClaimIds: ['c7', 'c8'] };
    const targets = [
      rate({ metric: 'LAW_EXAM_PARTICIPATION_RATE' }),
      rate({ metric: 'LAW_EXAM_PASS_RATE', value: 98, qualifier: 'EXACT', claimId: 'c8', met: false }),
      rate({ metric: 'LAW_EXAM_AVG_SCORE', op: null, threshold: null, unit: '分' }),
    ];
    const flags = itemFlags(
      input({ code: '10.5', status: 'PARTIAL', confirmedStatus: 'PARTIAL', evidence, confirmedEvidence: evidence, targets }),
      settings(),
    );
    expect(inEnglish(flags)).toEqual([
      {
        code: 'TARGET_NOT_MET',
        severity: 'WARNING',
        itemCode: '10.5',
        message: '10.5: LAW_EXAM_PASS_RATE 98% (claim c8) misses >= 100%.',
        claimIds: ['c8'],
      },
      {
        code: 'TARGET_NOT_REPORTED',
        severity: 'WARNING',
        itemCode: '10.5',
        message: '10.5: positive evidence (claims c7, c8) but no value for LAW_EXAM_PARTICIPATION_RATE (target >= 100%).',
        claimIds: ['c7', 'c8'],
      },
    ]);
  });

  it('words an APPROX value as not proving the target', () => {
    const evidence = { ...none, positiveClaimIds: ['c3'] };
    const flags = itemFlags(
      input({
        status: 'PARTIAL',
        confirmedStatus: 'PARTIAL',
        evidence,
        confirmedEvidence: evidence,
        targets: [rate({ value: 100, qualifier: 'APPROX', claimId: 'c3', met: false })],
      }),
      settings(),
    );
    expect(inEnglish(flags)?.map((flag) => flag.message)).toEqual([
      '7.4: COURT_APPEARANCE_RATE about 100% (claim c3) does not prove >= 100%.',
    ]);
  });

  it('raises no target flag without positive evidence (a plan claim has no values to miss)', () => {
    const evidence = { ...none, planClaimIds: ['c40'] };
    const flags = itemFlags(
      input({ status: 'PLANNED_ONLY', confirmedStatus: 'PLANNED_ONLY', evidence, confirmedEvidence: evidence, targets: [rate({})] }),
      settings(),
    );
    expect(codes(flags)).toEqual(['ONLY_PLANNED']);
  });

  it('raises LINK_UNREVIEWED when the status relies on proposed links, citing those claims', () => {
    const flags = itemFlags(
      input({
        status: 'COVERED',
        confirmedStatus: 'PLANNED_ONLY',
        evidence: { ...none, positiveClaimIds: ['c3'], planClaimIds: ['c40'] },
        confirmedEvidence: { ...none, planClaimIds: ['c40'] },
      }),
      settings(),
    );
    expect(inEnglish(flags)).toEqual([
      {
        code: 'LINK_UNREVIEWED',
        severity: 'WARNING',
        itemCode: '7.4',
        message: '7.4: status COVERED relies on unreviewed links (claim c3); accepted links alone give PLANNED_ONLY.',
        claimIds: ['c3'],
      },
    ]);
  });

  it('does not raise LINK_UNREVIEWED when unreviewed links change no status', () => {
    const flags = itemFlags(
      input({
        status: 'COVERED',
        confirmedStatus: 'COVERED',
        evidence: { ...none, positiveClaimIds: ['c3', 'c4'] },
        confirmedEvidence: { ...none, positiveClaimIds: ['c3'] },
      }),
      settings(),
    );
    expect(flags).toEqual([]);
  });

  it('raises nothing for a NOT_APPLICABLE item', () => {
    const evidence = { ...none, negativeClaimIds: ['c31'] };
    expect(
      itemFlags(input({ status: 'NOT_APPLICABLE', confirmedStatus: 'NOT_APPLICABLE', evidence, confirmedEvidence: evidence }), settings()),
    ).toEqual([]);
  });

  it('honours codes switched off in the checklist', () => {
    const off = settings({
      NO_EVIDENCE: { enabled: false, severity: 'ERROR' },
      SHORTCOMING_REPORTED: { enabled: false, severity: 'INFO' },
    });
    expect(itemFlags(input({}), off)).toEqual([]);
    const evidence = { ...none, negativeClaimIds: ['c31'] };
    expect(
      itemFlags(input({ status: 'NEGATIVE_ONLY', confirmedStatus: 'NEGATIVE_ONLY', evidence, confirmedEvidence: evidence }), off),
    ).toEqual([]);
  });
});

describe('reportMissingFlags', () => {
  it('is one report-level flag, or none when switched off', () => {
    expect(inEnglish(reportMissingFlags(31, settings({ REPORT_MISSING: { enabled: true, severity: 'ERROR' } })))).toEqual([
      {
        code: 'REPORT_MISSING',
        severity: 'ERROR',
        itemCode: null,
        message: 'No report for this unit and year: all 31 assessable items are MISSING.',
        claimIds: [],
      },
    ]);
    expect(reportMissingFlags(31, settings({ REPORT_MISSING: { enabled: false, severity: 'ERROR' } }))).toEqual([]);
  });
});
