#!/usr/bin/env node
/**
 * Checks a frozen test set (test/fixtures/frozen by default, or the directory given as the first
 * argument, e.g. test/fixtures/frozen-2) without running any project code:
 * every label file has the expected shape, its text exists, every quote is 8–25 characters,
 * occurs exactly once in its text and lies inside one sentence (no 。！？；or line break inside,
 * and no 二是/三是… clause start after its first character), and every item code is one of
 * the demo checklist's codes listed in docs/design.md. Prints counts.
 * A second argument names another folder of label files beside texts/, e.g. `relabel` for a second
 * labeller's files (docs/evaluation.md, "Agreement between two labellers"); such files relabel the
 * items only, so their source may be null.
 * Usage: node scripts/check-frozen-labels.js [test/fixtures/frozen-2] [labels|relabel]
 */
const { readFileSync, readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const relDir = (process.argv[2] || 'test/fixtures/frozen').replace(/\/+$/, '');
const dir = join(root, relDir);
const labelDir = process.argv[3] || 'labels';
const LEVELS = ['STREET', 'TOWN', 'DISTRICT', 'CITY'];
const design = readFileSync(join(root, 'docs/design.md'), 'utf8');
const CODES = new Set([...design.matchAll(/^\| (\d+\.\d+)(?: ★)? *\|/gm)].map((m) => m[1]));
const CLAUSE = /[一二三四五六七八九十]是/;

const errors = [];
const count = { texts: 0, quotes: 0, links: 0, empty: 0, unitNull: 0 };
const tally = { province: {}, unitLevel: {}, year: {}, item: {} };
const bump = (table, key) => (table[key] = (table[key] || 0) + 1);

const labelFiles = readdirSync(join(dir, labelDir)).filter((f) => f.endsWith('.json'));
const textFiles = readdirSync(join(dir, 'texts')).filter((f) => f.endsWith('.txt'));
if (labelFiles.length !== textFiles.length) errors.push(`${labelFiles.length} label files but ${textFiles.length} texts`);

for (const file of labelFiles.sort()) {
  const where = `${labelDir}/${file}`;
  const label = JSON.parse(readFileSync(join(dir, labelDir, file), 'utf8'));
  const expected = `${relDir}/texts/${file.replace(/\.json$/, '.txt')}`;
  if (label.report !== expected) errors.push(`${where}: report should be ${expected}`);
  if (!existsSync(join(root, label.report))) {
    errors.push(`${where}: missing text ${label.report}`);
    continue;
  }
  const text = readFileSync(join(root, label.report), 'utf8');
  const sourceMayBeNull = labelDir !== 'labels' && label.source === null;
  if (!sourceMayBeNull && (typeof label.source !== 'string' || !/^https?:\/\//.test(label.source)))
    errors.push(`${where}: source is not a URL`);
  if (label.province !== null && typeof label.province !== 'string') errors.push(`${where}: province`);
  if (label.unit !== null && typeof label.unit !== 'string') errors.push(`${where}: unit`);
  if (!LEVELS.includes(label.unitLevel)) errors.push(`${where}: unitLevel ${label.unitLevel}`);
  if (label.parent !== null && typeof label.parent !== 'string') errors.push(`${where}: parent`);
  if (label.year !== null && !(Number.isInteger(label.year) && label.year >= 2015 && label.year <= 2030)) errors.push(`${where}: year`);
  if (typeof label.note !== 'string' || label.note.length === 0) errors.push(`${where}: note`);
  if (!Array.isArray(label.labels) || label.labels.length === 0) errors.push(`${where}: no labels`);
  count.texts += 1;
  if (label.unit === null) count.unitNull += 1;
  bump(tally.province, label.province ?? '(null)');
  bump(tally.unitLevel, label.unitLevel);
  bump(tally.year, label.year ?? '(null)');
  for (const { quote, items } of label.labels) {
    const q = JSON.stringify(quote);
    if (typeof quote !== 'string' || quote.length < 8 || quote.length > 25) errors.push(`${where}: quote length ${q}`);
    const hits = text.split(quote).length - 1;
    if (hits !== 1) errors.push(`${where}: quote occurs ${hits} times ${q}`);
    if (/[。！？；\n]/.test(quote.slice(0, -1))) errors.push(`${where}: quote crosses a sentence end ${q}`);
    if (CLAUSE.test(quote.slice(1))) errors.push(`${where}: quote crosses a clause start ${q}`);
    if (!Array.isArray(items)) errors.push(`${where}: items ${q}`);
    for (const item of items) {
      if (!CODES.has(item)) errors.push(`${where}: unknown item ${item} ${q}`);
      bump(tally.item, item);
    }
    if (new Set(items).size !== items.length) errors.push(`${where}: duplicate item ${q}`);
    count.quotes += 1;
    count.links += items.length;
    if (items.length === 0) count.empty += 1;
  }
}

const sorted = (table) => Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
console.log(JSON.stringify({ ...count, provinces: Object.keys(tally.province).length, ...tally, item: sorted(tally.item) }, null, 2));
if (errors.length > 0) {
  console.error(errors.join('\n'));
  process.exit(1);
}
