import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeVersion } from '../../../bench/run';
import { projectRoot } from '../../../src/common/project-root';

describe('codeVersion: the commit every bench result names', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-code-version-'));
    mkdirSync(join(dir, 'bench'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the commit `git archive` wrote into bench/commit.txt when the copy has no .git', () => {
    // what `git archive` makes of the file, through the repository's own .gitattributes
    const archived = execFileSync('git', ['archive', 'HEAD', 'bench/commit.txt'], { cwd: projectRoot() });
    execFileSync('tar', ['-x', '-C', dir], { input: archived });
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: projectRoot(), encoding: 'utf8' }).trim();
    expect(codeVersion(dir, {})).toBe(`${head.slice(0, 7)} (archive)`);
  });

  it('prefers FAZHI_COMMIT, and says unknown when nothing names the code', () => {
    writeFileSync(join(dir, 'bench', 'commit.txt'), '$Format:%H$\n');
    expect(codeVersion(dir, {})).toBe('unknown');
    expect(codeVersion(dir, { FAZHI_COMMIT: 'abc1234 (copied)' })).toBe('abc1234 (copied)');
  });

  it('names the checkout HEAD in a git checkout', () => {
    expect(codeVersion(projectRoot(), {})).toMatch(/^[0-9a-f]{7,}(\+changes)?$/u);
  });
});
