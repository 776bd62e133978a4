// Every GraphQL operation of the web app. Types come from `npm run web:codegen`; an operation
// that no longer matches schema/schema.graphql fails that command and `npm run check`.
import { graphql } from './gql';

export const ViewerQuery = graphql(`
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
`);

export const HomeReportsQuery = graphql(`
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
`);

export const DistrictMatrixQuery = graphql(`
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
`);

export const UnitYearQuery = graphql(`
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
`);

export const ReviewLinkMutation = graphql(`
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
`);

export const AddLinkMutation = graphql(`
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
`);

export const GapsQuery = graphql(`
  query Gaps($unitId: ID!, $year: Int!, $after: String) {
    unit(id: $unitId) {
      id
      name
    }
    flags(
      first: 200
      after: $after
      filter: { unitIds: [$unitId], year: $year, codes: [NO_EVIDENCE, TARGET_NOT_MET, ONLY_PLANNED, REPORT_MISSING] }
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
`);

export const ExportMutation = graphql(`
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
`);
