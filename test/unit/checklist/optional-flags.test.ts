import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChecklistFile } from '../../../src/checklist/checklist-file';
import { flagSetting } from '../../../src/checklist/types';
import { SEED_DIR } from '../../helpers/seeds';

const seed = readFileSync(join(SEED_DIR, 'checklist.yaml'), 'utf8');

describe('flags and settings added after version 1 of the file format', () => {
  it('a file without LINK_SUSPECT, REUSED_EVIDENCE and reuse: is valid and gets the defaults', () => {
    const older = seed.replace(/^ {2}(LINK_SUSPECT|REUSED_EVIDENCE):.*\n/gmu, '').replace(/^reuse:\n {2}threshold: .*\n/mu, '');
    const { checklist, errors } = parseChecklistFile(older, 'older.yaml');
    expect(errors).toEqual([]);
    expect(checklist!.flags.LINK_SUSPECT).toBeUndefined();
    expect(checklist!.reuse).toBeUndefined();
    expect(flagSetting(checklist!.flags, 'LINK_SUSPECT')).toEqual({ enabled: true, severity: 'WARNING' });
    expect(flagSetting(checklist!.flags, 'REUSED_EVIDENCE')).toEqual({ enabled: true, severity: 'INFO' });
  });

  it('refuses a reuse threshold outside 0.5..1, naming the field and line', () => {
    const { checklist, errors } = parseChecklistFile(seed.replace(/threshold: 0\.9/u, 'threshold: 1.5'), 'bad.yaml');
    expect(checklist).toBeNull();
    expect(errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      expect.stringMatching(/^reuse\.threshold: must be between 0\.5 and 1 \(line \d+\)$/u),
    ]);
  });
});
