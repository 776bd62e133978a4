import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLNamedType,
  isObjectType,
  isInterfaceType,
  Kind,
  type ValueNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Context } from './context';
import type { ErrorCode } from '../common/error-codes';
import { cursorToOffset, fromGlobalId, MAX_PAGE_SIZE } from './relay';

/** Assumed size of a list field without a `first` argument, for cost estimation. */
const ASSUMED_LIST_SIZE = 5;

/**
 * Estimated size of the data behind the heavy fields, used in their cost (decided before
 * any resolver runs, so without reading the database): a district's reporting units and a
 * checklist's items.
 */
const ESTIMATED_DISTRICT_UNITS = 40;
const ESTIMATED_CHECKLIST_ITEMS = 31;

/** Fields whose work grows with the district's units × the checklist's items (or its units). */
const HEAVY_FIELD_COSTS: Readonly<Record<string, number>> = {
  coverageMatrix: ESTIMATED_DISTRICT_UNITS * ESTIMATED_CHECKLIST_ITEMS,
  ranking: ESTIMATED_DISTRICT_UNITS * ESTIMATED_CHECKLIST_ITEMS,
  exportDistrict: ESTIMATED_DISTRICT_UNITS * 50,
  compare: 2 * ESTIMATED_CHECKLIST_ITEMS,
  assessment: ESTIMATED_CHECKLIST_ITEMS,
  // across reports (issue 17): a district's values of a metric over two years; a report's
  // claims compared with their candidates; one claim's candidates
  districtMetric: 2 * ESTIMATED_DISTRICT_UNITS,
  metricSeries: 10,
  reuse: 20,
  similarClaims: 5,
};

/** Mutations that read or write a whole district or document: one at a time per caller. */
const HEAVY_MUTATIONS: ReadonlySet<string> = new Set(['exportDistrict', 'ingestReport', 'importChecklist']);

/** The limits a GraphQL request is held to (defaults and variables in README "Limits"). */
export interface QueryLimits {
  /** nesting of selection sets (MAX_QUERY_DEPTH) */
  maxDepth: number;
  /** fields selected, counting every alias and every fragment spread expanded (MAX_QUERY_FIELDS) */
  maxFields: number;
  /** estimated cost (MAX_QUERY_COST) */
  maxCost: number;
  /** elements of any list argument, e.g. ids or codes (MAX_LIST_ARGUMENT) */
  maxListArgument: number;
}

/** A refused request: the Chinese message names the limit, `code` goes to extensions.code. */
function limitError(message: string, code: ErrorCode, status = 400, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limitCode: code, http: { status }, ...extra } });
}

interface Shape {
  depth: number;
  fields: number;
}

/**
 * Measures an operation's depth (nested selection sets; introspection fields not counted,
 * as graphql-depth-limit did) and its size (fields, aliases included, with fragments
 * expanded) visiting each fragment once: fragments that spread others twice cost linear,
 * not exponential, time. A fragment met again while it is being measured (a cycle,
 * reported by graphql-js's NoFragmentCyclesRule) counts as empty.
 */
export function measureOperation(
  operation: OperationDefinitionNode,
  fragmentOf: (name: string) => FragmentDefinitionNode | undefined,
): Shape {
  const memo = new Map<string, Shape>();
  const inProgress = new Set<string>();
  const measure = (set: SelectionSetNode): Shape => {
    let depth = 0;
    let fields = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        fields += 1;
        if (selection.selectionSet) {
          const inner = measure(selection.selectionSet);
          fields += inner.fields;
          if (!selection.name.value.startsWith('__')) depth = Math.max(depth, 1 + inner.depth);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = measure(selection.selectionSet);
        fields += inner.fields;
        depth = Math.max(depth, inner.depth);
      } else {
        const name = selection.name.value;
        let inner = memo.get(name);
        if (!inner) {
          const fragment = fragmentOf(name);
          if (!fragment || inProgress.has(name)) continue;
          inProgress.add(name);
          inner = measure(fragment.selectionSet);
          inProgress.delete(name);
          memo.set(name, inner);
        }
        fields += inner.fields;
        depth = Math.max(depth, inner.depth);
      }
    }
    return { depth, fields };
  };
  return measure(operation.selectionSet);
}

/**
 * Validation rule: refuses an operation deeper than `maxDepth` (QUERY_TOO_DEEP) or with
 * more than `maxFields` fields (QUERY_TOO_LARGE), before anything executes.
 */
export function queryShapeRule(limits: Pick<QueryLimits, 'maxDepth' | 'maxFields'>): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition: {
      leave(operation) {
        const shape = measureOperation(operation, (name) => context.getFragment(name) ?? undefined);
        if (shape.depth > limits.maxDepth) {
          context.reportError(
            limitError(`查询深度 ${shape.depth} 超过上限 ${limits.maxDepth}（MAX_QUERY_DEPTH）：请减少嵌套层数。`, 'QUERY_TOO_DEEP', 400, {
              depth: shape.depth,
              maxDepth: limits.maxDepth,
            }),
          );
        }
        if (shape.fields > limits.maxFields) {
          const count = Number.isFinite(shape.fields) && shape.fields < 1e15 ? String(shape.fields) : '超过 10^15';
          context.reportError(
            limitError(
              `查询含 ${count} 个字段（别名与片段展开都计入），超过上限 ${limits.maxFields}（MAX_QUERY_FIELDS）：请减少别名或片段。`,
              'QUERY_TOO_LARGE',
              400,
              { maxFields: limits.maxFields },
            ),
          );
        }
      },
    },
  });
}

/** Total elements of the list values in an argument object (nested input objects included). */
function listLengths(value: unknown, onList: (path: string, length: number) => void, path: string): void {
  if (Array.isArray(value)) {
    onList(path, value.length);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) listLengths(inner, onList, path ? `${path}.${key}` : key);
  }
}

/**
 * Checks an argument value against what this API hands out, before any resolver runs:
 * every `ID` is one of our global ids (canonical: `Unit:0001` is not), `first` is a page
 * size between 0 and MAX_PAGE_SIZE, `after` a cursor of ours. Throws BAD_USER_INPUT (400).
 */
function checkArgumentValue(fieldName: string, argName: string, type: GraphQLInputType, value: unknown): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkArgumentValue(fieldName, argName, type.ofType, value);
  if (isListType(type)) {
    if (Array.isArray(value)) for (const v of value) checkArgumentValue(fieldName, argName, type.ofType, v);
    return;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (fields[key]) checkArgumentValue(fieldName, `${argName}.${key}`, fields[key].type, inner);
    }
    return;
  }
  const bad = (message: string) =>
    limitError(`参数 ${fieldName}(${argName}) 无效：${message}`, 'BAD_USER_INPUT', 400, { argument: `${fieldName}.${argName}` });
  if (type.name === 'ID' && fromGlobalId(String(value)) === null) {
    throw bad(`"${String(value).slice(0, 60)}" 不是本服务的 id（应取自查询结果的 id 字段）。`);
  }
  const leaf = argName.split('.').pop();
  if (leaf === 'first' && typeof value === 'number' && (value < 0 || value > MAX_PAGE_SIZE)) {
    throw bad(`first 必须在 0 到 ${MAX_PAGE_SIZE} 之间，而不是 ${value}。`);
  }
  if (leaf === 'after' && typeof value === 'string' && cursorToOffset(value) === null) {
    throw bad('after 不是本服务给出的游标（应取自 pageInfo.endCursor 或 edges.cursor）。');
  }
}

function checkArguments(fieldName: string, defs: readonly GraphQLArgument[], args: Record<string, unknown>): void {
  for (const def of defs) checkArgumentValue(fieldName, def.name, def.type, args[def.name]);
}

/**
 * Cost of a field: 1 plus its children, times the page size for connections (`first`,
 * default 50) or an assumed size for plain lists; heavy fields add their estimated work
 * (HEAVY_FIELD_COSTS) and every list argument its length. Scalars cost nothing.
 */
function listAwareEstimator(maxListArgument = Infinity): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    let listCost = 0;
    listLengths(
      args,
      (path, length) => {
        if (length > maxListArgument) {
          throw limitError(
            `参数 ${field.name}(${path}) 含 ${length} 个值，超过上限 ${maxListArgument}（MAX_LIST_ARGUMENT）：请分批查询。`,
            'LIST_TOO_LONG',
            400,
            { argument: `${field.name}.${path}`, length, maxListArgument },
          );
        }
        listCost += length;
      },
      '',
    );
    // after the lengths: 20,000 ids are refused without decoding each
    checkArguments(field.name, field.args, args);
    const heavy = HEAVY_FIELD_COSTS[field.name] ?? 0;
    const type = getNullableType(field.type);
    const named = getNamedType(field.type);
    const isLeaf = !('getFields' in named);
    if (isLeaf) return heavy + listCost;
    const base = 1 + heavy + listCost;
    if (typeof args.first === 'number') return base + childComplexity * Math.max(args.first, 1);
    if (/Connection$/.test(named.name)) return base + childComplexity * 50;
    if (isListType(type)) return base + childComplexity * ASSUMED_LIST_SIZE;
    return base + childComplexity;
  };
}

/** Top-level fields of an operation (fragments followed once each), by field name. */
function topLevelFieldNames(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): string[] {
  // response key → field name: the same key twice is one execution (fields merge)
  const byKey = new Map<string, string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) byKey.set(selection.alias?.value ?? selection.name.value, selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value);
          walk(fragment.selectionSet);
        }
      }
    }
  };
  walk(operation.selectionSet);
  return [...byKey.values()];
}

/** Where a variable is used as (part of) a field argument: what {@link checkArgumentValue} is given for it. */
interface VariableUsage {
  variable: string;
  fieldName: string;
  argPath: string;
  type: GraphQLInputType;
}

/**
 * Every variable used in a field argument of an operation, in document order (fragments
 * followed where they are spread), with the field, argument path and input type that
 * {@link checkArgumentValue} would see; null when a field is not in the schema (introspection,
 * or an invalid document) or a selection has a directive: such operations are not cached.
 */
function variableUsages(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
): VariableUsage[] | null {
  const usages: VariableUsage[] = [];
  const inValue = (node: ValueNode, type: GraphQLInputType, fieldName: string, argPath: string): void => {
    const t = isNonNullType(type) ? type.ofType : type;
    if (node.kind === Kind.VARIABLE) usages.push({ variable: node.name.value, fieldName, argPath, type: t });
    else if (node.kind === Kind.LIST && isListType(t)) for (const v of node.values) inValue(v, t.ofType, fieldName, argPath);
    else if (node.kind === Kind.OBJECT && isInputObjectType(t)) {
      const fields = t.getFields();
      for (const f of node.fields) {
        const def = fields[f.name.value];
        if (def) inValue(f.value, def.type, fieldName, `${argPath}.${f.name.value}`);
      }
    }
  };
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | null | undefined): boolean => {
    if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) return false;
    for (const selection of set.selections) {
      // @skip / @include decide which fields are estimated and checked: not cached
      if (selection.directives?.length) return false;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        const def = parent.getFields()[name];
        if (!def) return false;
        for (const arg of selection.arguments ?? []) {
          const argDef = def.args.find((a) => a.name === arg.name.value);
          if (argDef) inValue(arg.value, argDef.type, name, argDef.name);
        }
        if (selection.selectionSet && !walk(selection.selectionSet, getNamedType(def.type))) return false;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (!walk(selection.selectionSet, on)) return false;
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) return false;
        if (seen.has(fragment.name.value)) continue; // its usages are listed already
        seen.add(fragment.name.value);
        if (!walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value))) return false;
      }
    }
    return true;
  };
  const root =
    operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : null;
  return walk(operation.selectionSet, root) ? usages : null;
}

/**
 * The part of a request's variables that its cost can depend on: the lengths of lists, the
 * numbers (`first`) and the booleans (`@skip`, `@include`); every string (ids, cursors, enum
 * values, text) is the same here. Two requests of one document with the same shape have the
 * same cost and the same literal arguments; only their variables' values still need
 * {@link checkArgumentValue}.
 */
function costShape(variables: Record<string, unknown>): string {
  return JSON.stringify(variables, (_key, value: unknown) => (typeof value === 'string' ? '' : value));
}

/** Per parsed document (Apollo keeps one per query text): per operation, its variable usages and the costs of the shapes seen. */
interface DocumentCosts {
  usages: VariableUsage[] | null;
  costs: Map<string, number>;
}

/** Shapes remembered per document and operation (a document sent with more shapes starts over). */
const MAX_SHAPES = 1_000;

/**
 * Checks what validation cannot, after it and before any resolver (and so any database
 * access) runs: the variables (coerced as execution would; a bad one is BAD_USER_INPUT,
 * HTTP 400, instead of an exception), list arguments (LIST_TOO_LONG), the estimated cost
 * (QUERY_TOO_COSTLY), and heavy mutations: one per request and one in flight per caller
 * (RATE_LIMITED, HTTP 429).
 */
export function costLimitPlugin(
  schema: GraphQLSchema,
  limits: number | Pick<QueryLimits, 'maxCost' | 'maxListArgument'>,
): ApolloServerPlugin<Context> {
  const { maxCost, maxListArgument } = typeof limits === 'number' ? { maxCost: limits, maxListArgument: Infinity } : limits;
  const inFlight = new Map<string, number>();
  // The cost analysis walks the whole document with the schema (≈ 5 % of a simple request's
  // CPU): it is done once per document, operation and variable shape (costShape); a request
  // whose shape was seen still has its variables coerced and its variables' values checked.
  const byDocument = new WeakMap<DocumentNode, Map<OperationDefinitionNode, DocumentCosts>>();
  const fragmentsOf = (document: DocumentNode): Map<string, FragmentDefinitionNode> =>
    new Map(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
  return {
    async requestDidStart() {
      let heldBy: string | null = null;
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          if (!operation) return;
          const raw = request.variables ?? {};
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], raw);
          if (coerced.errors) {
            throw limitError(`变量无效：${coerced.errors[0]?.message ?? ''}`, 'BAD_USER_INPUT', 400);
          }
          let operations = byDocument.get(document);
          if (!operations) byDocument.set(document, (operations = new Map()));
          let known = operations.get(operation);
          if (!known)
            operations.set(operation, (known = { usages: variableUsages(schema, operation, fragmentsOf(document)), costs: new Map() }));
          const shape = known.usages ? costShape(raw) : null;
          let cost = shape === null ? undefined : known.costs.get(shape);
          if (cost !== undefined) {
            for (const u of known.usages ?? []) checkArgumentValue(u.fieldName, u.argPath, u.type, coerced.coerced[u.variable]);
          } else {
            try {
              cost = getComplexity({
                schema,
                query: document,
                variables: raw,
                operationName: request.operationName ?? undefined,
                estimators: [listAwareEstimator(maxListArgument)],
              });
            } catch (error) {
              if (error instanceof GraphQLError && error.extensions?.limitCode) throw error;
              throw limitError(`请求无效：${error instanceof Error ? error.message : String(error)}`, 'BAD_USER_INPUT', 400);
            }
            if (shape !== null && cost <= maxCost) {
              if (known.costs.size >= MAX_SHAPES) known.costs.clear();
              known.costs.set(shape, cost);
            }
          }
          if (cost > maxCost) {
            throw limitError(
              `查询估算成本 ${cost} 超过上限 ${maxCost}（MAX_QUERY_COST）：请减少每页行数（first）、别名或嵌套列表。` +
                ` Query is too costly: estimated cost ${cost} exceeds the limit ${maxCost}.`,
              'QUERY_TOO_COSTLY',
              400,
              { cost, maxCost },
            );
          }
          if (operation.operation !== 'mutation') return;
          const heavy = topLevelFieldNames(operation, fragmentsOf(document)).filter((name) => HEAVY_MUTATIONS.has(name));
          if (heavy.length === 0) return;
          if (heavy.length > 1) {
            throw limitError(
              `一个请求至多含一个导出或上传操作（${[...HEAVY_MUTATIONS].join('、')}），本请求含 ${heavy.length} 个。`,
              'RATE_LIMITED',
              429,
            );
          }
          const caller = contextValue.caller;
          const key = `${caller.role}:${caller.name}`;
          if ((inFlight.get(key) ?? 0) >= 1) {
            throw limitError(`您已有一个导出或上传操作正在进行，请等它完成后再试（${heavy[0]}）。`, 'RATE_LIMITED', 429);
          }
          inFlight.set(key, 1);
          heldBy = key;
        },
        async willSendResponse() {
          if (heldBy !== null) inFlight.delete(heldBy);
          heldBy = null;
        },
      };
    },
  };
}
