/**
 * The GraphQL operations the benchmark times: realistic versions of the queries of
 * docs/api.md (a unit page, the district heat-map, a filtered gap list, a ranking).
 */

/** A unit's page: coverage, score, and every item with its explanation, targets and evidence. */
export const ASSESSMENT_QUERY = `query UnitPage($unit: ID!, $year: Int!) {
  assessment(unitId: $unit, year: $year) {
    unit { name parent { name } }
    coverage { confirmed { covered assessable } proposed { covered partial assessable ratio } }
    score { confirmed { normalised } proposed { normalised } }
    items {
      code title status confirmedStatus explanation
      targets { metric op threshold value met }
      evidence {
        claim { sectionPath start end text metrics { metric value unit qualifier text } }
        link { id state confidence rule matched version }
      }
    }
  }
}`;

/** The district heat-map: every reporting unit × every assessable item, with the row totals. */
export const MATRIX_QUERY = `query Matrix($parent: ID!, $year: Int!) {
  coverageMatrix(parentUnitId: $parent, year: $year) {
    year
    parent { name }
    columns { code partCode points }
    rows {
      unit { id name }
      hasReport
      proposed { covered partial assessable ratio }
      confirmed { covered assessable }
      score { proposed { normalised } }
      rank
      flagCount
      cells { code status confirmedStatus }
    }
    itemTotals { code covered coveredShare }
  }
}`;

/** Gaps of one kind across all units for a year, most severe first (a page of 50). */
export const FLAGS_QUERY = `query Gaps($year: Int!, $code: FlagCode!) {
  flags(filter: { year: $year, codes: [$code] }, first: 50) {
    totalCount
    edges { node { code severity itemCode message unit { name } } }
  }
}`;

/** The units of a district ranked by score. */
export const RANKING_QUERY = `query Ranking($parent: ID!, $year: Int!) {
  ranking(parentUnitId: $parent, year: $year) {
    rank unit { name } score confirmedScore hasReport
    coverage { covered partial assessable }
  }
}`;

/** Claim search (first 20, with highlights), over every current report. */
export const SEARCH_QUERY = `query Search($q: String!) {
  search(query: $q, first: 20) {
    totalCount
    edges { node { rank score highlights { start end } claim { text polarity report { year unit { name } } } } }
  }
}`;

/** What the search benchmark asks, in turn: two-character words, word order reversed, a literal `%`. */
export const SEARCH_TERMS = ['出庭应诉', '应诉出庭', '执法记录仪', '法治宣传 民法典', '100%', '矛盾纠纷'];

/** Relay global id of a unit (base64 of `Unit:<id>`). */
export function unitGlobalId(id: number): string {
  return Buffer.from(`Unit:${id}`).toString('base64');
}

/** The database id in a Unit global id. */
export function unitDbId(globalId: string): number {
  return Number(Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]);
}
