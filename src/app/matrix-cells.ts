/**
 * The coverage matrix's cells written as JSON text on an HTTP answer: a matrix of 200 units
 * has 6,200 cells, and building each as an object, completing its three fields one by one
 * (graphql-jit) and serialising them again took most of the answer's CPU. When the operation
 * asks for the cells in the plain form — one `coverageMatrix` root field, `rows { … cells {
 * code status confirmedStatus } }` with any of those fields, aliases allowed, no arguments,
 * directives or fragments on the way — the operation is executed with `cells` replaced by a
 * placeholder leaf at the same place (so the keys keep their order), and each row's cells are
 * then written by the row itself ({@link MatrixRowType.cellsJson}) as one JSON fragment
 * (src/app/json-fragments.ts). The answer's text is the same as graphql-js would write; the
 * document Apollo validates, costs and limits is the caller's, unchanged. Any other form, an
 * answer with errors, or a status the schema would not serialise: executed as usual.
 */
import {
  getNamedType,
  getOperationAST,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type SelectionNode,
} from 'graphql';
import { MATRIX_ROWS, MatrixRowType, type MatrixCellField } from '../assessment/district.type';
import { JsonFragment } from './json-fragments';
import { JsonParts, selectionWriter, type SpecialField, type ValueWriter } from './selection-writer';

const CELL_FIELDS: ReadonlySet<string> = new Set<MatrixCellField>(['code', 'status', 'confirmedStatus']);

/**
 * Where the cells go in the answer: `data[root][rows][i][cells]`, and the cell fields asked for;
 * or, when the whole rows selection is plain, `data[root][rows]` written by `write`.
 */
type Fill = { root: string; rows: string; cells: string; fields: CellFieldList } | { root: string; rows: string; write: ValueWriter };

type CellFieldList = Array<{ key: string; field: MatrixCellField }>;

/** The operation to execute instead (cells as placeholders) and where each row's cells go. */
export interface MatrixCellsPlan {
  document: DocumentNode;
  fills: Fill[];
}

const keyOf = (field: FieldNode): string => field.alias?.value ?? field.name.value;

/** The selections as fields with distinct response keys (nothing merges), or null. */
function plainFields(selections: readonly SelectionNode[]): FieldNode[] | null {
  if (selections.some((s) => s.kind !== Kind.FIELD)) return null;
  const fields = selections as FieldNode[];
  return new Set(fields.map(keyOf)).size === fields.length ? fields : null;
}

/** The cell fields of a plain `cells` selection (response key as JSON text, field), or null. */
function cellFieldsOf(cells: FieldNode): CellFieldList | null {
  if (cells.arguments?.length || cells.directives?.length || !cells.selectionSet) return null;
  const cellFields = plainFields(cells.selectionSet.selections);
  if (!cellFields?.every((f) => CELL_FIELDS.has(f.name.value) && !f.arguments?.length && !f.directives?.length && !f.selectionSet)) {
    return null;
  }
  return cellFields.map((f) => ({ key: JSON.stringify(keyOf(f)), field: f.name.value as MatrixCellField }));
}

/** A row's plain `cells` written by the row itself ({@link MatrixRowType.cellsJson}), inside a whole row's text. */
const cellsOfRow: SpecialField = (parent, field) => {
  const fields = parent.name === 'MatrixRow' && field.name.value === 'cells' ? cellFieldsOf(field) : null;
  if (!fields) return null;
  return (row, out) => {
    const json = row instanceof MatrixRowType ? row.cellsJson(fields) : null;
    if (json === null) return false;
    out.separate(json);
    return true;
  };
};

/**
 * The plan for an operation of a document, or null when its cells are executed as usual. A
 * `rows` field whose whole selection is plain (src/app/selection-writer.ts) is written whole,
 * row by row, from the resolver's rows; in any other `rows` field only the plain `cells` are.
 */
export function planMatrixCells(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): MatrixCellsPlan | null {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'query') return null;
  const roots = plainFields(operation.selectionSet.selections);
  const matrices = roots?.filter((f) => f.name.value === 'coverageMatrix') ?? [];
  const matrix = matrices[0];
  if (matrices.length !== 1 || !matrix?.selectionSet || matrix.directives?.length) return null;
  const root = keyOf(matrix);
  const fills: Fill[] = [];
  const replaced = new Map<FieldNode, FieldNode>();
  const placeholder = (key: string): FieldNode => ({
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: key },
    name: { kind: Kind.NAME, value: '__typename' },
  });
  const matrixFields = plainFields(matrix.selectionSet.selections);
  const matrixField = schema.getQueryType()?.getFields().coverageMatrix;
  const matrixType = matrixField && getNamedType(matrixField.type);
  const rowsDefinition = isObjectType(matrixType) ? matrixType.getFields().rows : undefined;
  if (!matrixFields) return null;
  for (const rows of matrixFields.filter((f) => f.name.value === 'rows')) {
    if (rows.directives?.length || !rows.selectionSet) return null;
    const write = rowsDefinition && !rows.arguments?.length ? selectionWriter(rowsDefinition.type, rows.selectionSet, cellsOfRow) : null;
    if (write) {
      fills.push({ root, rows: keyOf(rows), write });
      replaced.set(rows, placeholder(keyOf(rows)));
      continue;
    }
    const rowFields = plainFields(rows.selectionSet.selections);
    if (!rowFields) return null;
    for (const cells of rowFields.filter((f) => f.name.value === 'cells')) {
      const fields = cellFieldsOf(cells);
      if (!fields) return null;
      const key = keyOf(cells);
      fills.push({ root, rows: keyOf(rows), cells: key, fields });
      replaced.set(cells, placeholder(key));
    }
  }
  if (fills.length === 0) return null;
  const swap = (field: FieldNode, inner: (f: FieldNode) => FieldNode): FieldNode =>
    field.selectionSet
      ? { ...field, selectionSet: { ...field.selectionSet, selections: (field.selectionSet.selections as FieldNode[]).map(inner) } }
      : field;
  const rewritten = swap(matrix, (f) => replaced.get(f) ?? (f.name.value === 'rows' ? swap(f, (c) => replaced.get(c) ?? c) : f));
  return {
    document: {
      ...document,
      definitions: document.definitions.map((d) =>
        d === operation
          ? { ...operation, selectionSet: { ...operation.selectionSet, selections: roots!.map((f) => (f === matrix ? rewritten : f)) } }
          : d,
      ),
    },
    fills,
  };
}

/**
 * Writes each row's cells into the answer `data` of the planned operation. False (the answer
 * left unusable: execute as usual) when the rows the resolver offered do not line up with the
 * answer's or a row cannot write its cells.
 */
export function fillMatrixCells(
  plan: MatrixCellsPlan,
  data: Record<string, unknown> | null | undefined,
  sources: Map<string, unknown>,
): boolean {
  const source = sources.get(MATRIX_ROWS) as MatrixRowType[] | undefined;
  for (const fill of plan.fills) {
    const matrix = data?.[fill.root] as Record<string, unknown> | null | undefined;
    if (matrix == null) continue; // no matrix answered (an error): nothing to write
    if ('write' in fill) {
      // the placeholder holds the place of the rows; the resolver's rows are what `rows` gives
      const out = new JsonParts();
      if (!source || !(fill.rows in matrix) || !fill.write(source, out)) return false;
      matrix[fill.rows] = new JsonFragment(out.finish(), sources);
      continue;
    }
    const rows = matrix[fill.rows] as Array<Record<string, unknown>> | null | undefined;
    if (rows == null) continue;
    if (!source || source.length !== rows.length) return false;
    for (const [index, row] of rows.entries()) {
      const json = source[index]!.cellsJson(fill.fields);
      if (json === null || !(fill.cells in row)) return false;
      row[fill.cells] = new JsonFragment(json, sources);
    }
  }
  return true;
}
