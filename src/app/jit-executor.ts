import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Context } from '../graphql/context';
import { fillMatrixCells, planMatrixCells, type MatrixCellsPlan } from './matrix-cells';

type Gateway = NonNullable<ApolloServerOptionsWithGateway<Context>['gateway']>;

/** An operation compiled, and (for HTTP answers) compiled with the matrix's cells as JSON text, or null when not planned. */
interface Compiled {
  query: CompiledQuery;
  cells: { plan: MatrixCellsPlan; query: CompiledQuery } | null | undefined;
}

/**
 * Executes operations with graphql-jit instead of graphql-js's interpreter: each document
 * (Apollo keeps one parsed and validated document per query text) is compiled once per
 * operation name into a JavaScript function that walks exactly that selection, so a field no
 * longer pays graphql-js's generic per-field work (resolve info, argument coercion, completion
 * by type) — a coverage matrix is 200 rows × 31 cells. The same schema, resolvers, variables
 * coercion, errors (with their original error and its extensions) and null propagation.
 *
 * Apollo Server 5 has no executor option: its `gateway` interface (a schema and an executor)
 * is the documented way to replace execution; parsing, validation (with our rules), the
 * plugins (cost, limits, observability) and error formatting stay Apollo's.
 */
export function jitGateway(schema: GraphQLSchema): Gateway {
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return {
        executor: async ({ document, request, operationName, context }) => {
          let byName = compiled.get(document);
          if (!byName) compiled.set(document, (byName = new Map()));
          const name = operationName ?? '';
          let entry = byName.get(name);
          if (!entry) {
            const result = compileQuery(schema, document, operationName ?? undefined);
            if (!isCompiledQuery(result)) return result;
            byName.set(name, (entry = { query: result, cells: undefined }));
          }
          const variables = request.variables ?? {};
          // an HTTP answer: the matrix's cells may be written as JSON text (src/app/matrix-cells.ts)
          if (context.answerSources) {
            if (entry.cells === undefined) {
              const plan = planMatrixCells(schema, document, operationName ?? undefined);
              const query = plan && compileQuery(schema, plan.document, operationName ?? undefined);
              entry.cells = plan && query && isCompiledQuery(query) ? { plan, query } : null;
            }
            if (entry.cells) {
              const result = await entry.cells.query.query(undefined, context, variables);
              if (!result.errors?.length && fillMatrixCells(entry.cells.plan, result.data, context.answerSources)) return result;
              // executed as usual: the same answer and errors as without the plan
            }
          }
          const result = await entry.query.query(undefined, context, variables);
          return result.errors?.length ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
        },
      };
    },
    async stop() {},
  };
}

/**
 * graphql-jit's error as graphql-js makes it (the same message, path, locations, original
 * error and its extensions): graphql-jit leaves `extensions` undefined when the original error
 * has none, where Apollo's error formatting expects graphql-js's object.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const original = error.originalError ?? undefined;
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: original,
    extensions: error.extensions ?? undefined,
  });
  (converted as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return converted;
}
