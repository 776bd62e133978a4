import 'reflect-metadata';
import { parse } from 'graphql';
import { buildAppSchema } from '../../../src/app/schema';
import { fillMatrixCells, planMatrixCells } from '../../../src/app/matrix-cells';
import type { JsonFragment } from '../../../src/app/json-fragments';
import { MATRIX_ROWS, MatrixRowType } from '../../../src/assessment/district.type';
import { UnitNode } from '../../../src/units/unit.type';

const schema = buildAppSchema();
const plan = (query: string) => planMatrixCells(schema, parse(query), undefined);

describe('which matrix queries have their cells written as JSON text', () => {
  it('a rows field whose whole selection is plain: the rows written whole', () => {
    const planned = plan(`query($p: ID!) { ranking(parentUnitId: $p, year: 2022) { rank }
      m: coverageMatrix(parentUnitId: $p, year: 2022) { rows { __typename unit { id n: name level aliases } hasReport
        score { proposed { normalised } } c: cells { s: status code } d: cells { confirmedStatus } }
        r2: rows { cells { code } } } }`);
    expect(planned?.fills).toEqual([
      { root: 'm', rows: 'rows', write: expect.any(Function) },
      { root: 'm', rows: 'r2', write: expect.any(Function) },
    ]);
  });

  it.each([
    ['a field with a resolver', 'unit { id parent { name } }'],
    ['a fragment inside a row', 'unit { ... on Unit { name } }'],
    ['a directive on a row field', 'rank @include(if: true)'],
    ['a key asked twice inside a row', 'unit { name name }'],
  ])('rows with %s: only the plain cells selection written as JSON text', (_, rowField) => {
    const planned = plan(`{ coverageMatrix(parentUnitId: "x", year: 1) { rows { ${rowField} c: cells { code } } } }`);
    expect(planned?.fills).toEqual([{ root: 'coverageMatrix', rows: 'rows', cells: 'c', fields: [{ key: '"code"', field: 'code' }] }]);
  });

  it('the plain cells selection, with aliases and any of the three fields, in every rows field', () => {
    const planned = plan(`query($p: ID!) { ranking(parentUnitId: $p, year: 2022) { rank }
      m: coverageMatrix(parentUnitId: $p, year: 2022) { rows { unit { id parent { id } } c: cells { s: status code } d: cells { confirmedStatus } }
        r2: rows { unit { reports { year } } cells { code } } } }`);
    expect(planned?.fills).toEqual([
      {
        root: 'm',
        rows: 'rows',
        cells: 'c',
        fields: [
          { key: '"s"', field: 'status' },
          { key: '"code"', field: 'code' },
        ],
      },
      { root: 'm', rows: 'rows', cells: 'd', fields: [{ key: '"confirmedStatus"', field: 'confirmedStatus' }] },
      { root: 'm', rows: 'r2', cells: 'cells', fields: [{ key: '"code"', field: 'code' }] },
    ]);
  });

  it.each([
    ['an argument', '{ coverageMatrix(parentUnitId: "x", year: 1) { rows { cells(codes: ["1.1"]) { code } } } }'],
    ['a directive on cells', '{ coverageMatrix(parentUnitId: "x", year: 1) { rows { cells @include(if: true) { code } } } }'],
    ['a directive on a cell field', '{ coverageMatrix(parentUnitId: "x", year: 1) { rows { cells { code @skip(if: false) } } } }'],
    ['a directive on rows', '{ coverageMatrix(parentUnitId: "x", year: 1) { rows @include(if: true) { cells { code } } } }'],
    ['a fragment in rows', '{ coverageMatrix(parentUnitId: "x", year: 1) { rows { ...R } } } fragment R on MatrixRow { cells { code } }'],
    ['an inline fragment in cells', '{ coverageMatrix(parentUnitId: "x", year: 1) { rows { cells { ... on MatrixCell { code } } } } }'],
    ['__typename in cells', '{ coverageMatrix(parentUnitId: "x", year: 1) { rows { cells { __typename code } } } }'],
    ['cells asked twice under one key', '{ coverageMatrix(parentUnitId: "x", year: 1) { rows { cells { code } cells { status } } } }'],
    [
      'two matrices',
      '{ a: coverageMatrix(parentUnitId: "x", year: 1) { rows { cells { code } } } b: coverageMatrix(parentUnitId: "x", year: 2) { year } }',
    ],
    ['no cells and a field with a resolver', '{ coverageMatrix(parentUnitId: "x", year: 1) { rows { rank unit { parent { id } } } } }'],
    ['a mutation', 'mutation { coverageMatrix { rows { cells { code } } } }'],
  ])('not with %s', (_, query) => {
    expect(plan(query)).toBeNull();
  });
});

describe('rows written whole', () => {
  const query = `{ coverageMatrix(parentUnitId: "x", year: 1) { year rows { __typename unit { id name } hasReport rank
    score { proposed { normalised } } cells { code s: status } } } }`;
  const row = (name: string, extra: Record<string, unknown> = {}): MatrixRowType =>
    Object.assign(new MatrixRowType(), {
      unit: Object.assign(new UnitNode(), { id: `id-${name}`, name, level: 'STREET', aliases: [] }),
      hasReport: true,
      rank: 1,
      score: { proposed: { normalised: 12.5, earned: 1, possible: 8 }, confirmed: { normalised: 0, earned: 0, possible: 8 } },
      codes: ['1.1', '9.2'],
      statuses: ['COVERED', 'MISSING'],
      confirmedStatuses: ['PARTIAL', 'MISSING'],
      ...extra,
    });

  it('writes the rows as execution would, the names in parts of their own', () => {
    const planned = plan(query)!;
    const sources = new Map<string, unknown>([[MATRIX_ROWS, [row('南开街"道"'), row('b', { rank: 2 })]]]);
    const data = { coverageMatrix: { year: 1, rows: 'CoverageMatrix' } };
    expect(fillMatrixCells(planned, data, sources)).toBe(true);
    const fragment = data.coverageMatrix.rows as unknown as JsonFragment;
    expect(fragment.parts).toContain('"南开街\\"道\\""');
    const cells = [
      { code: '1.1', s: 'COVERED' },
      { code: '9.2', s: 'MISSING' },
    ];
    const written = (name: string, rank: number) => ({
      __typename: 'MatrixRow',
      unit: { id: `id-${name}`, name },
      hasReport: true,
      rank,
      score: { proposed: { normalised: 12.5 } },
      cells,
    });
    expect(JSON.parse(fragment.json)).toEqual([written('南开街"道"', 1), written('b', 2)]);
  });

  it.each([
    ['null for a non-null field', { hasReport: null }],
    ['a function where a property is read', { rank: () => 1 }],
    ['a promise where a property is read', { unit: Promise.resolve(null) }],
    ['a value its scalar refuses', { rank: 1.5 }],
    ['a status that is no ItemStatus', { statuses: ['COVERED', 'NOPE'] }],
  ])('gives up (the operation is executed as usual) on %s', (_, extra) => {
    const planned = plan(query)!;
    const sources = new Map<string, unknown>([[MATRIX_ROWS, [row('a'), row('b', extra)]]]);
    expect(fillMatrixCells(planned, { coverageMatrix: { year: 1, rows: 'CoverageMatrix' } }, sources)).toBe(false);
  });
});
