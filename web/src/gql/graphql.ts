/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AddEvidenceLinkInput = {
  claimId: string | number;
  /** An assessable ChecklistItem. */
  itemId: string | number;
  reason?: string | null | undefined;
};

export type ExportDistrictInput = {
  /** Default: the latest checklist covering the year. */
  checklistId?: string | number | null | undefined;
  format: ExportFormat;
  /** The district (or any unit) whose reporting units are exported. */
  parentUnitId: string | number;
  year: number;
};

/** XLSX: one workbook; CSV: the matrix and the flags, UTF-8 with BOM. */
export type ExportFormat =
  | 'CSV'
  | 'XLSX';

/** Stable flag codes (documented in README). */
export type FlagCode =
  | 'LINK_UNREVIEWED'
  | 'NO_EVIDENCE'
  | 'ONLY_PLANNED'
  | 'REPORT_MISSING'
  | 'SHORTCOMING_REPORTED'
  | 'TARGET_NOT_MET'
  | 'TARGET_NOT_REPORTED';

/** NEW_EVIDENCE / LOST_EVIDENCE: positive evidence gained or lost; IMPROVED: PARTIAL → COVERED; DECLINED: the reverse; CHANGED: other moves. */
export type ItemChange =
  | 'CHANGED'
  | 'DECLINED'
  | 'IMPROVED'
  | 'LOST_EVIDENCE'
  | 'NEW_EVIDENCE'
  | 'NOT_COMPARABLE'
  | 'UNCHANGED';

export type ItemStatus =
  | 'COVERED'
  | 'MISSING'
  | 'NEGATIVE_ONLY'
  | 'NOT_APPLICABLE'
  | 'PARTIAL'
  | 'PLANNED_ONLY';

export type LinkMethod =
  | 'MANUAL'
  | 'RULE';

export type LinkState =
  | 'ACCEPTED'
  | 'PROPOSED'
  | 'REJECTED';

/** POSITIVE past work, NEGATIVE shortcoming, PLAN next year. */
export type Polarity =
  | 'NEGATIVE'
  | 'PLAN'
  | 'POSITIVE';

/** APPROX for 余/多, AT_LEAST for 以上, EXACT otherwise. */
export type Qualifier =
  | 'APPROX'
  | 'AT_LEAST'
  | 'EXACT';

/** PROPOSED → ACCEPTED | REJECTED; back to PROPOSED only by REOPEN. */
export type ReviewAction =
  | 'ACCEPT'
  | 'REJECT'
  | 'REOPEN';

export type ReviewEvidenceLinkInput = {
  action: ReviewAction;
  /** The link version you saw; a newer one gives STALE_VERSION. */
  expectedVersion?: number | null | undefined;
  linkId: string | number;
  /** Required to REJECT. */
  reason?: string | null | undefined;
};

export type Severity =
  | 'ERROR'
  | 'INFO'
  | 'WARNING';

/** 省/市/区/街道/乡镇 */
export type UnitLevel =
  | 'CITY'
  | 'DISTRICT'
  | 'PROVINCE'
  | 'STREET'
  | 'TOWN';

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { name: string, role: string, permissions: Array<string>, scope: Array<{ id: string, name: string, level: UnitLevel }> | null } };

export type HomeReportsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type HomeReportsQuery = { reports: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, year: number, unit: { id: string, name: string, parent: { id: string, name: string } | null } } }> } };

export type DistrictMatrixQueryVariables = Exact<{
  parentUnitId: string | number;
  year: number;
}>;


export type DistrictMatrixQuery = { coverageMatrix: { year: number, parent: { id: string, name: string }, checklist: { name: string, version: number, parts: Array<{ code: string, title: string }> }, columns: Array<{ code: string, partCode: string, title: string, points: number }>, rows: Array<{ rank: number, hasReport: boolean, flagCount: number, unit: { id: string, name: string }, score: { proposed: { normalised: number }, confirmed: { normalised: number } }, proposed: { covered: number, partial: number, assessable: number, ratio: number }, confirmed: { covered: number, partial: number, assessable: number, ratio: number }, cells: Array<{ code: string, status: ItemStatus, confirmedStatus: ItemStatus }> }> } };

export type UnitYearQueryVariables = Exact<{
  unitId: string | number;
  year: number;
  fromYear: number;
}>;


export type UnitYearQuery = { assessment: { year: number, locked: boolean, unit: { id: string, name: string, parent: { id: string, name: string } | null }, checklist: { name: string, version: number }, coverage: { proposed: { covered: number, partial: number, assessable: number, ratio: number }, confirmed: { covered: number, partial: number, assessable: number, ratio: number } }, score: { proposed: { normalised: number }, confirmed: { normalised: number } }, flags: Array<{ code: FlagCode, severity: Severity, itemCode: string | null, message: string }>, report: { id: string, source: string, rawText: string, claims: Array<{ id: string, localId: string, start: number, end: number, polarity: Polarity, sectionPath: string, metrics: Array<{ metric: string | null, value: number, unit: string, text: string }>, links: Array<{ id: string, state: LinkState, version: number, confidence: number, rule: string, method: LinkMethod, matched: Array<string>, reason: string | null, item: { id: string, code: string, title: string } }> }> } | null, items: Array<{ code: string, title: string, partCode: string, status: ItemStatus, confirmedStatus: ItemStatus, explanation: string, points: number, score: number, item: { id: string }, flags: Array<{ code: FlagCode, severity: Severity, message: string }>, targets: Array<{ metric: string, op: string | null, threshold: number | null, unit: string, value: number | null, qualifier: Qualifier | null, met: boolean | null }>, evidence: Array<{ claim: { localId: string }, link: { state: LinkState } | null }>, plans: Array<{ claim: { localId: string } }>, shortcomings: Array<{ claim: { localId: string } }> }> }, compare: { fromYear: number, proposedScore: { from: number, to: number, delta: number }, items: Array<{ code: string, title: string, change: ItemChange, fromStatus: ItemStatus | null, toStatus: ItemStatus | null, metrics: Array<{ metric: string, from: number | null, to: number | null, delta: number | null, unit: string }> }> } };

export type ReviewLinkMutationVariables = Exact<{
  input: ReviewEvidenceLinkInput;
}>;


export type ReviewLinkMutation = { reviewEvidenceLink: { link: { id: string, state: LinkState, version: number } | null, userErrors: Array<{ code: string, message: string }> } };

export type AddLinkMutationVariables = Exact<{
  input: AddEvidenceLinkInput;
}>;


export type AddLinkMutation = { addEvidenceLink: { link: { id: string, state: LinkState } | null, userErrors: Array<{ code: string, message: string }> } };

export type GapsQueryVariables = Exact<{
  unitId: string | number;
  year: number;
  after?: string | null | undefined;
}>;


export type GapsQuery = { unit: { id: string, name: string } | null, flags: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string | null, code: FlagCode, severity: Severity, itemCode: string | null, message: string, unit: { id: string, name: string } | null } }> } };

export type ExportDistrictMutationVariables = Exact<{
  input: ExportDistrictInput;
}>;


export type ExportDistrictMutation = { exportDistrict: { expiresAt: string | null, files: Array<{ fileName: string, path: string, bytes: number }>, userErrors: Array<{ code: string, message: string }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    name
    role
    permissions
    scope {
      id
      name
      level
    }
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const HomeReportsDocument = new TypedDocumentString(`
    query HomeReports($after: String) {
  reports(first: 200, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        year
        unit {
          id
          name
          parent {
            id
            name
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<HomeReportsQuery, HomeReportsQueryVariables>;
export const DistrictMatrixDocument = new TypedDocumentString(`
    query DistrictMatrix($parentUnitId: ID!, $year: Int!) {
  coverageMatrix(parentUnitId: $parentUnitId, year: $year) {
    year
    parent {
      id
      name
    }
    checklist {
      name
      version
      parts {
        code
        title
      }
    }
    columns {
      code
      partCode
      title
      points
    }
    rows {
      rank
      hasReport
      flagCount
      unit {
        id
        name
      }
      score {
        proposed {
          normalised
        }
        confirmed {
          normalised
        }
      }
      proposed {
        covered
        partial
        assessable
        ratio
      }
      confirmed {
        covered
        partial
        assessable
        ratio
      }
      cells {
        code
        status
        confirmedStatus
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DistrictMatrixQuery, DistrictMatrixQueryVariables>;
export const UnitYearDocument = new TypedDocumentString(`
    query UnitYear($unitId: ID!, $year: Int!, $fromYear: Int!) {
  assessment(unitId: $unitId, year: $year) {
    year
    locked
    unit {
      id
      name
      parent {
        id
        name
      }
    }
    checklist {
      name
      version
    }
    coverage {
      proposed {
        covered
        partial
        assessable
        ratio
      }
      confirmed {
        covered
        partial
        assessable
        ratio
      }
    }
    score {
      proposed {
        normalised
      }
      confirmed {
        normalised
      }
    }
    flags {
      code
      severity
      itemCode
      message
    }
    report {
      id
      source
      rawText
      claims {
        id
        localId
        start
        end
        polarity
        sectionPath
        metrics {
          metric
          value
          unit
          text
        }
        links {
          id
          state
          version
          confidence
          rule
          method
          matched
          reason
          item {
            id
            code
            title
          }
        }
      }
    }
    items {
      code
      title
      partCode
      status
      confirmedStatus
      explanation
      points
      score
      item {
        id
      }
      flags {
        code
        severity
        message
      }
      targets {
        metric
        op
        threshold
        unit
        value
        qualifier
        met
      }
      evidence {
        claim {
          localId
        }
        link {
          state
        }
      }
      plans {
        claim {
          localId
        }
      }
      shortcomings {
        claim {
          localId
        }
      }
    }
  }
  compare(unitId: $unitId, fromYear: $fromYear, toYear: $year) {
    fromYear
    proposedScore {
      from
      to
      delta
    }
    items {
      code
      title
      change
      fromStatus
      toStatus
      metrics {
        metric
        from
        to
        delta
        unit
      }
    }
  }
}
    `) as unknown as TypedDocumentString<UnitYearQuery, UnitYearQueryVariables>;
export const ReviewLinkDocument = new TypedDocumentString(`
    mutation ReviewLink($input: ReviewEvidenceLinkInput!) {
  reviewEvidenceLink(input: $input) {
    link {
      id
      state
      version
    }
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<ReviewLinkMutation, ReviewLinkMutationVariables>;
export const AddLinkDocument = new TypedDocumentString(`
    mutation AddLink($input: AddEvidenceLinkInput!) {
  addEvidenceLink(input: $input) {
    link {
      id
      state
    }
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<AddLinkMutation, AddLinkMutationVariables>;
export const GapsDocument = new TypedDocumentString(`
    query Gaps($unitId: ID!, $year: Int!, $after: String) {
  unit(id: $unitId) {
    id
    name
  }
  flags(
    first: 200
    after: $after
    filter: {unitIds: [$unitId], year: $year, codes: [NO_EVIDENCE, TARGET_NOT_MET, ONLY_PLANNED, REPORT_MISSING]}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        code
        severity
        itemCode
        message
        unit {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GapsQuery, GapsQueryVariables>;
export const ExportDistrictDocument = new TypedDocumentString(`
    mutation ExportDistrict($input: ExportDistrictInput!) {
  exportDistrict(input: $input) {
    expiresAt
    files {
      fileName
      path
      bytes
    }
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<ExportDistrictMutation, ExportDistrictMutationVariables>;