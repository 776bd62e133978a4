import type { ApolloServerPlugin } from '@apollo/server';
import depthLimit from 'graphql-depth-limit';
import { getNamedType, getNullableType, GraphQLError, isListType, type GraphQLSchema, type ValidationRule } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/** Assumed size of a list field without a `first` argument, for cost estimation. */
export const ASSUMED_LIST_SIZE = 5;

/**
 * Cost of a field: 1 plus its children, times the page size for connections (`first`,
 * default 50) or an assumed size for plain lists. Scalars cost nothing.
 */
export const listAwareEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const type = getNullableType(field.type);
  const named = getNamedType(field.type);
  const isLeaf = !('getFields' in named);
  if (isLeaf) return 0;
  if (typeof args.first === 'number') return 1 + childComplexity * Math.max(args.first, 1);
  if (/Connection$/.test(named.name)) return 1 + childComplexity * 50;
  if (isListType(type)) return 1 + childComplexity * ASSUMED_LIST_SIZE;
  return 1 + childComplexity;
};

/** Rejects queries nested deeper than `maxDepth` (a validation rule: nothing executes). */
export function depthRule(maxDepth: number): ValidationRule {
  return depthLimit(maxDepth) as unknown as ValidationRule;
}

/**
 * Rejects an operation whose estimated cost exceeds `maxCost` after parsing and
 * validation, before any resolver (and so any database access) runs.
 */
export function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const cost = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            operationName: request.operationName ?? undefined,
            estimators: [listAwareEstimator],
          });
          if (cost > maxCost) {
            throw new GraphQLError(
              `Query is too costly: estimated cost ${cost} exceeds the limit ${maxCost}. Ask for fewer rows (first) or fewer nested lists.`,
              {
                extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost, http: { status: 400 } },
              },
            );
          }
        },
      };
    },
  };
}
