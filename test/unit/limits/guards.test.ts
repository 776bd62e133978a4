import { parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { braceDepth, hostAllowed, hostName, longestList } from '../../../src/http-guards';
import { measureOperation } from '../../../src/graphql/limits';
import { checkZipBudget } from '../../../src/documents/zip-budget';
import { estimateTagDepth, treeDepth } from '../../../src/documents/html';
import { parseDuration } from '../../../src/access/token.service';
import { zipArchive, zipBombDocx } from '../../hostile/hostile-http';
import { deflateRawSync } from 'node:zlib';
import { parse as parseHtml } from 'node-html-parser';

function shape(query: string) {
  const doc = parse(query);
  const fragments = new Map(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]),
  );
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return measureOperation(op, (name) => fragments.get(name));
}

describe('query shape, each fragment measured once', () => {
  it('counts 2^30 fields for 30 doubling fragments without expanding them', () => {
    const q = `query { ...F0 } ${Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F30 on Query { __typename }`;
    const started = Date.now();
    expect(shape(q)).toEqual({ depth: 0, fields: 2 ** 30 });
    expect(Date.now() - started).toBeLessThan(1000);
  });
  it('survives a cycle (reported by graphql-js) and counts depth through fragments', () => {
    expect(shape('query { ...A } fragment A on Query { a: __typename ...B } fragment B on Query { ...A }')).toEqual({
      depth: 0,
      fields: 1,
    });
    expect(shape('{ units { edges { node { ...D } } } } fragment D on Unit { children { children { name } } }').depth).toBe(5);
  });
});

describe('HTTP guards', () => {
  it('accepts loopback names, the bound address and ALLOWED_HOSTS; refuses look-alikes', () => {
    const config = { host: '127.0.0.1', allowedHosts: ['fazhi.example.org'] };
    for (const ok of ['127.0.0.1:4000', 'localhost', 'LOCALHOST:80', '[::1]:4000', 'fazhi.example.org:443'])
      expect(hostAllowed(ok, config)).toBe(true);
    for (const bad of ['evil.example', '127.0.0.1.evil.example', 'localhost.evil.example:4000', '', undefined])
      expect(hostAllowed(bad, config)).toBe(false);
    expect(hostName('[::1]:4000')).toBe('::1');
    expect(hostAllowed('0.0.0.0:4000', { host: '0.0.0.0', allowedHosts: [] })).toBe(false);
  });
  it('measures brace depth outside strings and comments, and the longest list without recursion', () => {
    expect(braceDepth('{ a { b } }', 100)).toBe(2);
    expect(braceDepth('{ a(s: "{{{{") # {{{{\n { b } }', 100)).toBe(2);
    expect(braceDepth(`{ ${'a { '.repeat(100_000)} }`, 30)).toBe(31);
    let nested: unknown = [1, 2, 3];
    for (let i = 0; i < 100_000; i += 1) nested = [nested];
    expect(longestList({ v: nested }, 500)).toBe(3);
    expect(longestList({ a: { b: new Array(600).fill(0) } }, 500)).toBe(600);
  });
  it('reads token lifetimes', () => {
    expect(parseDuration('90d')).toBe(90 * 86_400_000);
    expect(parseDuration('12h')).toBe(12 * 3_600_000);
    for (const bad of ['0d', '90', 'd', '1y', '-5d']) expect(parseDuration(bad)).toBeNull();
  });
});

describe('document budgets', () => {
  const budget = { maxUncompressedBytes: 64 * 1024 * 1024, maxRatio: 200 };
  it('refuses a zip bomb by its declared size, and one that lies by inflating only up to what it declares', () => {
    const started = Date.now();
    expect(checkZipBudget(zipBombDocx(1000, true), budget)).toMatchObject({ ok: false, code: 'DOCUMENT_TOO_LARGE' });
    expect(checkZipBudget(zipBombDocx(1000, false), budget)).toMatchObject({
      ok: false,
      code: 'DOCUMENT_TOO_LARGE',
      message: expect.stringMatching(/zip bomb/),
    });
    expect(checkZipBudget(zipBombDocx(10, true), budget)).toMatchObject({ ok: false, message: expect.stringMatching(/MAX_ZIP_RATIO/) });
    expect(Date.now() - started).toBeLessThan(3000);
  });
  it('accepts an ordinary archive and says what is damaged otherwise', () => {
    const text = Buffer.from('<w:document>法治政府建设</w:document>'.repeat(50));
    const ok = zipArchive([{ name: 'word/document.xml', data: deflateRawSync(text), method: 8, declaredSize: text.length }]);
    expect(checkZipBudget(ok, budget)).toEqual({ ok: true, entries: 1, uncompressedBytes: text.length });
    expect(checkZipBudget(Buffer.from('PK not a zip'), budget)).toMatchObject({ ok: false, code: 'CORRUPT_DOCUMENT' });
  });
  it('measures HTML nesting before and after parsing, without recursion', () => {
    const deep = `<div>${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_001)}`;
    expect(estimateTagDepth(deep, 400)).toBe(401);
    expect(estimateTagDepth('<p>a<p>b<p>c<br><img src=x><div>d</div>', 400)).toBe(1);
    expect(treeDepth(parseHtml(deep))).toBeGreaterThan(10_000);
  });
});
