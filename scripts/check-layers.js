#!/usr/bin/env node
/**
 * Rule (d) of issue 13: no cycles between the top-level parts of src/ (src/<folder>, or a file directly in
 * src/). dependency-cruiser's own `circular` rule works on modules, or with `scope: 'folder'` on every folder
 * level separately (src/reports/analysis is not src/reports there), and its `collapse` option does not
 * recompute cycles; so this collapses its module graph (.dependency-cruiser.cjs options, type-only imports
 * included) to `^src/[^/]+` and fails on any cycle, listing each pair of parts that import each other with
 * the imports that make up each direction.
 * Run: `npm run -s check:layers` (part of `npm run check`). Exit code 1 when a cycle is found.
 */
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const TOP = /^src\/[^/]+/;
const SHOWN_IMPORTS = 3;

/** Runs dependency-cruiser on src/ and returns its module list (its own rule violations do not matter here). */
function cruise() {
  const bin = join(root, 'node_modules', '.bin', 'depcruise');
  const run = spawnSync(bin, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  try {
    return JSON.parse(run.stdout).modules;
  } catch {
    throw new Error(`depcruise 未输出 JSON / depcruise gave no JSON (exit ${run.status}):\n${run.stderr}`);
  }
}

/** Edges between top-level parts (key `from\0to`), each with the set of module imports behind it. */
function collapse(modules) {
  const edges = new Map();
  for (const mod of modules) {
    const from = TOP.exec(mod.source)?.[0];
    if (!from) continue;
    for (const dep of mod.dependencies) {
      const to = TOP.exec(dep.resolved)?.[0];
      if (!to || to === from) continue;
      const key = `${from}\u0000${to}`;
      if (!edges.has(key)) edges.set(key, new Set());
      edges.get(key).add(`${mod.source} → ${dep.resolved}`);
    }
  }
  return edges;
}

/** Strongly connected components with more than one part (Tarjan). */
function cycles(edges) {
  const next = new Map();
  for (const key of edges.keys()) {
    const [from, to] = key.split('\u0000');
    if (!next.has(from)) next.set(from, []);
    if (!next.has(to)) next.set(to, []);
    next.get(from).push(to);
  }
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  let counter = 0;
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node)) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node), index.get(to)));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return components;
}

function main() {
  const edges = collapse(cruise());
  const found = cycles(edges);
  if (found.length === 0) {
    console.log('✔ src/ 顶层目录之间没有循环依赖 / no cycles between the top-level parts of src/');
    return 0;
  }
  const pairs = [];
  for (const key of [...edges.keys()].sort()) {
    const [a, b] = key.split('\u0000');
    if (a < b && edges.has(`${b}\u0000${a}`)) pairs.push([a, b]);
  }
  const out = [];
  out.push(`✖ src/ 顶层目录之间有循环依赖 / cycles between the top-level parts of src/: ${found.length} 组 / group(s)`);
  for (const component of found) out.push(`  循环 / cycle: ${component.join(', ')}`);
  out.push(`\n互相引用的目录对 / pairs importing each other: ${pairs.length}`);
  for (const [a, b] of pairs) {
    out.push(`  ${a} ⇄ ${b}`);
    for (const [from, to] of [
      [a, b],
      [b, a],
    ]) {
      const imports = [...edges.get(`${from}\u0000${to}`)];
      for (const line of imports.slice(0, SHOWN_IMPORTS)) out.push(`      ${line}`);
      if (imports.length > SHOWN_IMPORTS) out.push(`      … +${imports.length - SHOWN_IMPORTS}`);
    }
  }
  console.error(out.join('\n'));
  return 1;
}

if (require.main === module) process.exitCode = main();
module.exports = { collapse, cycles };
