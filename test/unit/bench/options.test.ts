import { parseOptions } from '../../../bench/run';

describe('npm run bench -- options (commander)', () => {
  it('takes --iterations 5 and the other options, in both spellings', () => {
    expect(parseOptions(['--iterations', '5'])).toMatchObject({ iterations: 5, units: 220, years: 2, db: 'sqlite' });
    expect(parseOptions(['--units=2000', '--years', '3', '--db', 'both', '--load-seconds', '0', '--keep'])).toMatchObject({
      units: 2000,
      years: 3,
      db: 'both',
      loadSeconds: 0,
      keep: true,
      label: null,
    });
  });

  it('refuses unknown options and bad values with a readable message', () => {
    expect(() => parseOptions(['--iterations', '0'])).toThrow('--iterations expects a whole number ≥ 1, got 0');
    expect(() => parseOptions(['--years', '6'])).toThrow('at most 5 years');
    expect(() => parseOptions(['--db', 'mysql'])).toThrow(/Allowed choices are sqlite, postgres, both/);
    expect(() => parseOptions(['--frobnicate'])).toThrow(/unknown option '--frobnicate'/);
    expect(() => parseOptions(['--ingest', 'sideways'])).toThrow(/Allowed choices are folder, given/);
  });
});

describe('the ingest mode', () => {
  it('reads the unit from the text by default (a folder ingest) and passes it with --ingest given', () => {
    expect(parseOptions([]).ingestMode).toBe('folder');
    expect(parseOptions(['--ingest', 'given']).ingestMode).toBe('given');
  });
});

describe('--peer', () => {
  it('is off by default and turned on by the flag', () => {
    expect(parseOptions([]).peer).toBe(false);
    expect(parseOptions(['--peer', '--db', 'postgres']).peer).toBe(true);
  });
});

describe('the folder ingest batch and a shorter run', () => {
  it('stores 32 reports per transaction by default, one by one with --batch 0, and all reports unless --reports N', () => {
    expect(parseOptions([])).toMatchObject({ batch: 32, reports: null });
    expect(parseOptions(['--batch', '0', '--reports', '400'])).toMatchObject({ batch: 0, reports: 400 });
    expect(() => parseOptions(['--reports', '0'])).toThrow('--reports expects a whole number ≥ 1, got 0');
  });
});
