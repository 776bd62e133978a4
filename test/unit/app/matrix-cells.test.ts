import { parse } from 'graphql';
import { planMatrixCells } from '../../../src/app/matrix-cells';

const plan = (query: string) => planMatrixCells(parse(query), undefined);

describe('which matrix queries have their cells written as JSON text', () => {
  it('the plain cells selection, with aliases and any of the three fields, in every rows field', () => {
    const planned = plan(`query($p: ID!) { ranking(parentUnitId: $p, year: 2022) { rank }
      m: coverageMatrix(parentUnitId: $p, year: 2022) { rows { unit { id } c: cells { s: status code } d: cells { confirmedStatus } }
        r2: rows { cells { code } } } }`);
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
    ['no cells', '{ coverageMatrix(parentUnitId: "x", year: 1) { rows { rank } } }'],
    ['a mutation', 'mutation { coverageMatrix { rows { cells { code } } } }'],
  ])('not with %s', (_, query) => {
    expect(plan(query)).toBeNull();
  });
});
