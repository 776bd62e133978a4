import { districtRequest, flagsPath } from '../../../src/cli/export';

describe('npm run export: the district export asked for', () => {
  it('takes the format from --format, else from the --out extension', () => {
    expect(districtRequest({ year: '2023', parent: '南开区' }, 'out/南开区.xlsx')).toEqual({
      year: 2023,
      parent: '南开区',
      format: 'xlsx',
    });
    expect(districtRequest({ year: ' 2022 ', parent: '南开区' }, 'out/南开区.CSV')).toEqual({
      year: 2022,
      parent: '南开区',
      format: 'csv',
    });
    expect(districtRequest({ year: '2023', parent: '南开区', format: 'CSV' }, 'out/南开区.xlsx')).toMatchObject({ format: 'csv' });
  });

  it('says what is missing or wrong, the year first', () => {
    expect(districtRequest({ parent: '南开区' }, 'a.xlsx')).toBe('--year must be a four-digit year');
    expect(districtRequest({ year: '23', parent: '南开区' }, 'a.xlsx')).toBe('--year must be a four-digit year, got "23"');
    expect(districtRequest({ year: '2023' }, 'a.xlsx')).toBe('--parent NAME is required (a district, e.g. 南开区)');
    expect(districtRequest({ year: '2023', parent: '南开区' }, 'a.txt')).toBe(
      '--format must be xlsx or csv (or give --out a .xlsx or .csv name)',
    );
    expect(districtRequest({ year: '2023', parent: '南开区', format: 'pdf' }, 'a.xlsx')).toBe(
      '--format must be xlsx or csv (or give --out a .xlsx or .csv name)',
    );
  });

  it('names the flags file after the matrix file', () => {
    expect(flagsPath('out/南开区-2023.csv')).toBe('out/南开区-2023-flags.csv');
    expect(flagsPath('out/南开区')).toBe('out/南开区-flags.csv');
  });
});
