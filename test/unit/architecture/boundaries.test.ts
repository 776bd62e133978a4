// The layer rules of .dependency-cruiser.cjs catch a bad import (issue 13: the rules are checked, not hoped for).
// Each case is a small fixture project in a temporary folder (src/ laid out like ours, fake typeorm and
// type-graphql packages), cruised with our config; the repository itself is never written to.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const repo = join(__dirname, '..', '..', '..');
const depcruise = join(repo, 'node_modules', '.bin', 'depcruise');
const config = join(repo, '.dependency-cruiser.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { collapse, cycles } = require(join(repo, 'scripts', 'check-layers.js')) as {
  collapse: (modules: { source: string; dependencies: { resolved: string }[] }[]) => Map<string, Set<string>>;
  cycles: (edges: Map<string, Set<string>>) => string[][];
};

/** Writes `files` into a fresh fixture project, cruises its src/ with our config, and removes it again. */
function cruiseFixture(files: Record<string, string>): { status: number | null; violations: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'boundaries-'));
  try {
    const all: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', moduleResolution: 'node', strict: true } }),
      'node_modules/typeorm/package.json': JSON.stringify({ name: 'typeorm', main: 'index.js' }),
      'node_modules/typeorm/index.js': 'exports.Entity = () => () => undefined;\n',
      'node_modules/type-graphql/package.json': JSON.stringify({ name: 'type-graphql', main: 'index.js' }),
      'node_modules/type-graphql/index.js': 'exports.Field = () => () => undefined;\n',
      ...files,
    };
    for (const [path, text] of Object.entries(all)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    // the `err` reporter, as `npm run depcruise` uses it: one `error <rule>: <from> → <to>` line per violation
    const run = spawnSync(depcruise, ['src', '--config', config, '--output-type', 'err'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    const violations = [...`${run.stdout}${run.stderr}`.matchAll(/^\s*error (\S+: \S+ → \S+)$/gm)].map((m) => m[1]!).sort();
    return { status: run.status, violations };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('layer rules (.dependency-cruiser.cjs)', () => {
  it('fails on imports that break each rule, naming the rule', () => {
    const { status, violations } = cruiseFixture({
      'src/reading/probe.ts': "import 'typeorm';\nimport { x } from '../evidence/matcher';\nexport const y = x;\n",
      'src/reading/entity-probe.ts': "import { Report } from '../reports/report.entity';\nexport const r = Report;\n",
      'src/reports/report.entity.ts': 'export class Report {}\n',
      'src/evidence/matcher.ts': "import { relay } from '../graphql/relay';\nexport const x = relay;\n",
      'src/graphql/relay.ts': 'export const relay = 1;\n',
      'src/assessment/score.ts': "import { Entity } from 'typeorm';\nexport const e = Entity;\n",
      'src/units/unit.service.ts': "import { Field } from 'type-graphql';\nexport const f = Field;\n",
      'src/units/unit.entity.ts': "import { T } from './unit.type';\nexport const t = T;\n",
      'src/units/unit.type.ts': 'export const T = 1;\n',
    });
    expect(status).not.toBe(0);
    expect(violations).toEqual([
      'pure-core-no-storage-or-graphql: src/assessment/score.ts → node_modules/typeorm/index.js',
      'pure-core-no-storage-or-graphql: src/evidence/matcher.ts → src/graphql/relay.ts',
      'reading-is-pure: src/reading/entity-probe.ts → src/reports/report.entity.ts',
      'reading-is-pure: src/reading/probe.ts → node_modules/typeorm/index.js',
      'reading-is-pure: src/reading/probe.ts → src/evidence/matcher.ts',
      'storage-no-graphql: src/units/unit.entity.ts → src/units/unit.type.ts',
      'storage-no-graphql: src/units/unit.service.ts → node_modules/type-graphql/index.js',
    ]);
  });

  it('passes imports the rules allow', () => {
    const { status, violations } = cruiseFixture({
      'src/reading/analyze.ts': "import { n } from './numbers';\nimport { h } from '../common/hash';\nexport const a = n + h;\n",
      'src/reading/numbers.ts': 'export const n = 1;\n',
      'src/common/hash.ts': 'export const h = 1;\n',
      'src/evidence/link.service.ts':
        "import { Entity } from 'typeorm';\nimport { n } from '../reading/numbers';\nexport const e = [Entity, n];\n",
      'src/evidence/review.resolver.ts':
        "import { Field } from 'type-graphql';\nimport { e } from './link.service';\nexport const r = [Field, e];\n",
    });
    expect(violations).toEqual([]);
    expect(status).toBe(0);
  });
});

describe('folder cycles (scripts/check-layers.js)', () => {
  const graph = (deps: [string, string][]) =>
    [...new Set(deps.map(([from]) => from))].map((source) => ({
      source,
      dependencies: deps.filter(([from]) => from === source).map(([, resolved]) => ({ resolved })),
    }));

  it('finds a cycle through files in subfolders and through three parts', () => {
    const edges = collapse(
      graph([
        ['src/reports/ingest.service.ts', 'src/evidence/matcher.ts'],
        ['src/evidence/matcher-input.ts', 'src/reports/claim.entity.ts'],
        ['src/units/unit.entity.ts', 'src/db/column-types.ts'],
        ['src/db/entities.ts', 'src/audit/audit-entry.entity.ts'],
        ['src/audit/audit.service.ts', 'src/units/unit.entity.ts'],
        ['src/common/log.ts', 'node_modules/pino/index.js'],
      ]),
    );
    expect(cycles(edges)).toEqual([
      ['src/audit', 'src/db', 'src/units'],
      ['src/evidence', 'src/reports'],
    ]);
  });

  it('finds none in a layered graph', () => {
    const edges = collapse(
      graph([
        ['src/reports/ingest.service.ts', 'src/evidence/matcher.ts'],
        ['src/evidence/matcher.ts', 'src/common/hash.ts'],
        ['src/reading/analyze.ts', 'src/reading/numbers.ts'],
      ]),
    );
    expect(cycles(edges)).toEqual([]);
  });
});
