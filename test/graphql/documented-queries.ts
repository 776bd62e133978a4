/**
 * The queries docs/api.md shows, one list for the three users. test/graphql/api-docs.test.ts
 * runs each against the seeded database, asserts its content, and checks docs/api.md
 * holds exactly these queries with their real answers (UPDATE_DOCS=1 rewrites it).
 */
export interface DocumentedQuery {
  id: string;
  user: 'office' | 'frontend' | 'assessment';
  title: string;
  why: string;
  query: string;
  /** variables by name; `unit:NAME` and `checklist` are replaced by global ids */
  variables: Record<string, unknown>;
}

export const USERS: Record<DocumentedQuery['user'], string> = {
  office: 'The rule-of-law office (依法治区办): what is missing, where',
  frontend: 'Frontend teams: a dashboard and a review screen',
  assessment: 'The assessment team: scores, ranks and every point explained',
};

export const DOCUMENTED_QUERIES: DocumentedQuery[] = [
  {
    id: 'matrix',
    user: 'office',
    title: 'The district heat-map: units × items for 南开区, 2022',
    why: 'One request gives every reporting unit of a district with a status per item, the unit totals and per-item totals. 王顶堤街 sent no 2022 report, so its row is all MISSING and flagged REPORT_MISSING.',
    query: `query Matrix($parent: ID!, $year: Int!) {
  coverageMatrix(parentUnitId: $parent, year: $year) {
    year
    parent { name }
    rows {
      unit { name }
      hasReport
      proposed { covered partial assessable ratio }
      confirmed { covered assessable }
      score { proposed { normalised } }
      rank
      cells(codes: ["7.4", "10.5", "10.8"]) { code status }
    }
    itemTotals(codes: ["7.4", "10.8"]) { code covered coveredShare }
  }
}`,
    variables: { parent: 'unit:南开区', year: 2022 },
  },
  {
    id: 'gaps',
    user: 'office',
    title: 'Every gap in 南开区 in 2023, most severe first',
    why: 'Flags are stored per assessment, so one filtered connection answers "show me every gap in 南开区 2023". Here: the items without any evidence.',
    query: `query Gaps($district: ID!) {
  flags(filter: { year: 2023, unitIds: [$district], codes: [NO_EVIDENCE, REPORT_MISSING] }, first: 5) {
    totalCount
    edges { node { code severity itemCode unit { name } message } }
  }
}`,
    variables: { district: 'unit:南开区' },
  },
  {
    id: 'search',
    user: 'office',
    title: 'Find what reports say about 执法记录仪',
    why:
      'Full-text search over claims of current reports: every word of the query in any order, best match first, with the ' +
      'matched words as offsets into the raw report; the polarity tells past work from shortcomings and plans.',
    query: `query Search {
  search(query: "执法记录仪", first: 5) {
    totalCount
    edges { node { rank highlights { start end text } claim { polarity sectionPath text report { year unit { name } } } } }
  }
}`,
    variables: {},
  },
  {
    id: 'assessment',
    user: 'frontend',
    title: "A unit's page: 万兴街 2022, one item with its evidence and offsets",
    why: 'Status per item with the claims behind it: text, section, exact offsets into the raw report (raw.slice(start, end) is the original), metric values, and the link to review.',
    query: `query UnitPage($unit: ID!) {
  assessment(unitId: $unit, year: 2022) {
    unit { name }
    coverage { confirmed { covered assessable } proposed { covered partial assessable ratio } }
    score { confirmed { normalised } proposed { normalised } }
    items(filter: { codes: ["7.4"] }) {
      code title status confirmedStatus explanation
      targets { metric op threshold value met }
      evidence {
        claim { sectionPath start end text metrics { metric value unit qualifier text } }
        link { id state confidence rule matched version }
      }
    }
  }
}`,
    variables: { unit: 'unit:万兴街' },
  },
  {
    id: 'review-queue',
    user: 'frontend',
    title: 'A review screen: shortcomings of 稷下街道 2023 and the items they concern',
    why: 'Claims of a report filtered by polarity, with their proposed links; a reviewer accepts or rejects each with reviewEvidenceLink(input: { linkId, action, reason, expectedVersion }).',
    query: `query Review($unit: ID!) {
  reports(filter: { unitId: $unit, year: 2023 }) {
    edges { node {
      unit { name } year
      claims(filter: { polarities: [NEGATIVE], linked: true }) {
        text
        links { state confidence item { code title } }
      }
    } }
  }
}`,
    variables: { unit: 'unit:稷下街道' },
  },
  {
    id: 'ranking',
    user: 'assessment',
    title: 'Ranking of the units of 滨海新区, 2022',
    why: 'Normalised scores (points × status factor from the checklist file), ranked among the units under one parent; ties share a rank. 塘沽街道 reported for 2021 only, so it is last with 0.',
    query: `query Ranking($parent: ID!) {
  ranking(parentUnitId: $parent, year: 2022) {
    rank unit { name } score confirmedScore hasReport
    coverage { covered partial assessable }
  }
}`,
    variables: { parent: 'unit:滨海新区' },
  },
  {
    id: 'district-metric',
    user: 'office',
    title: 'A number across a district: 出庭应诉率 in 南开区, 2022',
    why: "Each reporting unit's value of one metric with the claim it was read from (positive claims only; 约 marks an APPROX value), min/median/max, and the units below the item's target this year and two years running. The same table is the 指标 sheet of the district workbook; `metricSeries(unitId, metric, years)` gives one unit's values over years.",
    query: `query DistrictMetric($parent: ID!) {
  districtMetric(parentUnitId: $parent, metric: "COURT_APPEARANCE_RATE", year: 2022) {
    target { itemCode text }
    values { unit { name } hasReport display met claim { text } }
    count min median max
    missingTarget { name }
    missingTwoYears { name }
  }
}`,
    variables: { parent: 'unit:南开区' },
  },
  {
    id: 'reuse',
    user: 'office',
    title: "Is this evidence new? The reuse of 万兴街's 2022 report",
    why: "The share of a report's text found in the same unit's earlier reports and in other units' reports of the same year, with the matching claims; slogans shared by many units (the corpus's own boilerplate list) are left out. The five demo reports share slogans but no text beyond them, so the answer is 0 — a report that repeats last year's text shows there, and raises REUSED_EVIDENCE on items whose only evidence is repeated. `Claim.similarClaims` gives the same per claim.",
    query: `query Reuse($unit: ID!) {
  reports(filter: { unitId: $unit, year: 2022 }) {
    edges { node { year reuse { earlierShare sameYearShare comparableChars threshold claims { claim { text } matches { kind similarity claim { text } } } } } }
  }
}`,
    variables: { unit: 'unit:万兴街' },
  },
  {
    id: 'explain',
    user: 'assessment',
    title: 'Explaining a score: 王顶堤街 2023, item 10.5 (PARTIAL)',
    why: 'Every point is explained: the status, the factor, the points earned, the targets with the reported values, and the flags.',
    query: `query Explain($unit: ID!) {
  assessment(unitId: $unit, year: 2023) {
    items(filter: { codes: ["10.5", "7.4"] }) {
      code status points factor score explanation
      targets { metric op threshold value qualifier met }
      flags { code severity message }
    }
  }
}`,
    variables: { unit: 'unit:王顶堤街' },
  },
  {
    id: 'compare',
    user: 'assessment',
    title: 'Year over year: 万兴街 2022 → 2023',
    why: 'Per item: evidence gained or lost and metric changes. 万兴街 has no 2023 report, so what it showed in 2022 is LOST_EVIDENCE.',
    query: `query Compare($unit: ID!) {
  compare(unitId: $unit, fromYear: 2022, toYear: 2023) {
    unit { name } fromYear toYear
    proposedScore { from to delta }
    items(changes: [LOST_EVIDENCE], first: 3) { code fromStatus toStatus change metrics { metric from to } }
  }
}`,
    variables: { unit: 'unit:万兴街' },
  },
];
