/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), for tests:
 * throws on any line that is not `# HELP`, `# TYPE` or a well-formed sample, on a sample
 * outside a declared family, on a repeated series, and on a histogram whose buckets are
 * not cumulative or whose +Inf bucket differs from its count.
 */
export interface Series {
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  /** samples by their own name (`x`, or `x_bucket`, `x_sum`, `x_count` for a histogram) */
  samples: Map<string, Series[]>;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? ([^ ]+)(?: (-?\\d+))?$`, 'u');
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\[\\"n])*)"(,|$)/uy;

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const match = LABEL.exec(text);
    if (!match) throw new Error(`bad labels in: ${line}`);
    if (labels[match[1]!] !== undefined) throw new Error(`repeated label ${match[1]} in: ${line}`);
    labels[match[1]!] = match[2]!.replace(/\\n/gu, '\n').replace(/\\(["\\])/gu, '$1');
  }
  return labels;
}

function parseValue(text: string, line: string): number {
  if (/^[-+]?Inf$/u.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/u.test(text)) throw new Error(`bad value in: ${line}`);
  return Number(text);
}

export function parsePrometheus(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const seen = new Set<string>();
  const familyOf = (sample: string): Family | undefined =>
    families.get(sample) ??
    [...families.values()].find(
      (f) => (f.type === 'histogram' || f.type === 'summary') && ['_bucket', '_sum', '_count'].some((s) => `${f.name}${s}` === sample),
    );
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const help = new RegExp(`^# HELP (${NAME}) (.*)$`, 'u').exec(line);
    const [, helpName, helpText = ''] = help ?? [];
    if (helpName !== undefined) {
      families.set(helpName, { name: helpName, help: helpText, type: 'untyped', samples: new Map() });
      continue;
    }
    const type = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`, 'u').exec(line);
    const [, typeName, typeWord] = type ?? [];
    if (typeName !== undefined) {
      const family = families.get(typeName) ?? { name: typeName, help: '', type: 'untyped', samples: new Map() };
      if (family.samples.size > 0) throw new Error(`TYPE after samples: ${line}`);
      family.type = typeWord as Family['type'];
      families.set(typeName, family);
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = SAMPLE.exec(line);
    if (!sample) throw new Error(`not a sample: ${line}`);
    const family = familyOf(sample[1]!);
    if (!family) throw new Error(`sample outside a declared family: ${line}`);
    const labels = sample[2] ? parseLabels(sample[2], line) : {};
    const key = `${sample[1]}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seen.has(key)) throw new Error(`repeated series: ${line}`);
    seen.add(key);
    const list = family.samples.get(sample[1]!) ?? [];
    list.push({ labels, value: parseValue(sample[3]!, line) });
    family.samples.set(sample[1]!, list);
  }
  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}

function checkHistogram(family: Family): void {
  const groups = new Map<string, Series[]>();
  for (const bucket of family.samples.get(`${family.name}_bucket`) ?? []) {
    const { le, ...rest } = bucket.labels;
    if (le === undefined) throw new Error(`${family.name}: bucket without le`);
    const key = JSON.stringify(Object.entries(rest).sort());
    groups.set(key, [...(groups.get(key) ?? []), bucket]);
  }
  for (const [key, buckets] of groups) {
    const sorted = [...buckets].sort(
      (a, b) => parseValue(a.labels.le ?? '', a.labels.le ?? '') - parseValue(b.labels.le ?? '', b.labels.le ?? ''),
    );
    sorted.forEach((b, i) => {
      if (i > 0 && b.value < sorted[i - 1]!.value) throw new Error(`${family.name}${key}: buckets not cumulative`);
    });
    const count = (family.samples.get(`${family.name}_count`) ?? []).find((c) => JSON.stringify(Object.entries(c.labels).sort()) === key);
    if (sorted.at(-1)?.labels.le !== '+Inf' || count?.value !== sorted.at(-1)?.value) {
      throw new Error(`${family.name}${key}: +Inf bucket differs from the count`);
    }
  }
}

/** The value of one series of a family's sample (`suffix` '' | '_sum' | '_count' | '_bucket'). */
export function sampleValue(
  families: Map<string, Family>,
  name: string,
  suffix: string,
  labels: Record<string, string>,
): number | undefined {
  const list = families.get(name)?.samples.get(`${name}${suffix}`) ?? [];
  return list.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
