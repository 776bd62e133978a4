import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FLAG_CODES, ITEM_STATUSES } from '../../../src/checklist/types';
import { ERROR_CODE_LIST, USER_ERROR_CODE_LIST } from '../../../src/common/error-codes';
import { localeFromAcceptLanguage, localeFromEnv, MESSAGES, render, t, templateParams } from '../../../src/i18n/messages';

const SRC = join(__dirname, '../../../src');
const CJK = /[\u4e00-\u9fff]/u;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const sources = sourceFiles(SRC).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

/** Every match of a pattern's first group over src/, with the file it is in. */
function used(pattern: RegExp): Array<{ value: string; path: string }> {
  return sources.flatMap(({ path, text }) =>
    [...text.matchAll(pattern)].map((m) => ({ value: m[1] ?? '', path: path.slice(SRC.length + 1) })),
  );
}

describe('message catalogue', () => {
  it('has a Chinese and an English text for every key, with the same parameters', () => {
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(MESSAGES)) {
      if (!entry.zh?.trim()) problems.push(`${key}: no zh text`);
      if (!entry.en?.trim()) problems.push(`${key}: no en text`);
      const zhWords = entry.zh.replace(/\{\w+\}/gu, '');
      if (zhWords.trim() && /[A-Za-z]{4,}/u.test(zhWords) && !CJK.test(zhWords)) problems.push(`${key}: zh text is not Chinese`);
      if (key.startsWith('userError.')) {
        const extra = templateParams(entry.zh).filter((p) => !['field', 'detail'].includes(p));
        if (extra.length) problems.push(`${key}: zh uses parameters the service does not give: ${extra.join(', ')}`);
      } else if (templateParams(entry.zh).join() !== templateParams(entry.en).join()) {
        problems.push(`${key}: zh has {${templateParams(entry.zh).join(', ')}}, en has {${templateParams(entry.en).join(', ')}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has a label and a message for every flag code, and a word for every status', () => {
    const keys = [
      ...FLAG_CODES.flatMap((code) => [`flag.${code}`, `flagLabel.${code}`]),
      ...ITEM_STATUSES.flatMap((s) => [`status.${s}`, `statusShort.${s}`, `explain.${s}`]),
    ];
    expect(keys.filter((key) => !MESSAGES[key])).toEqual([]);
  });

  it('has an entry for every userError code used in src/', () => {
    const codes = [
      ...used(/\b(?:fail|failed|refuse)(?:<[^>]*>)?\(\s*'([A-Z][A-Z_]+)'/gu),
      ...used(/\bcode: '([A-Z][A-Z_]+)',\s*field:/gu),
      ...used(/\{\s*code: '([A-Z][A-Z_]+)', field:/gu),
      ...used(/\bcode: '([A-Z][A-Z_]+)',\s*message:/gu),
    ]
      .filter(({ value }) => !['INTERNAL_SERVER_ERROR', 'NOT_FOUND_DOWNLOAD'].includes(value))
      // a request refused before it runs (`{ status, code, message }` of src/http-guards.ts) carries an
      // `extensions.code` of the error catalogue, with its message inline: not a userError
      .filter(({ value }) => (USER_ERROR_CODE_LIST as string[]).includes(value) || !(ERROR_CODE_LIST as string[]).includes(value));
    expect(codes.length).toBeGreaterThan(20);
    const missing = codes.filter(({ value }) => !MESSAGES[`userError.${value}`]).map(({ value, path }) => `${value} (${path})`);
    expect([...new Set(missing)]).toEqual([]);
  });

  it('has every key that src/ names literally in msg(…) or t(…)', () => {
    const keys = [...used(/\bmsg\(\s*'([\w.]+)'/gu), ...used(/\bt\(\s*'([\w.]+)'/gu), ...used(/^\s*'((?:column|sheet)\.\w+)',?$/gmu)];
    expect(keys.length).toBeGreaterThan(30);
    expect(keys.filter(({ value }) => !MESSAGES[value]).map(({ value, path }) => `${value} (${path})`)).toEqual([]);
  });

  it('renders nested messages and lists in the same locale and ends sentences', () => {
    const text = {
      key: 'flag.TARGET_NOT_REPORTED',
      params: { item: '7.4', claims: { key: 'claims.many', params: { ids: 'c1, c2' } }, metric: 'COURT_APPEARANCE_RATE', rule: '>= 100%' },
    };
    expect(render(text, 'zh')).toBe('7.4：有正面佐证（表述 c1, c2），但没有报告 COURT_APPEARANCE_RATE 的数值（目标 >= 100%）。');
    expect(render(text, 'en')).toBe('7.4: positive evidence (claims c1, c2) but no value for COURT_APPEARANCE_RATE (target >= 100%).');
    expect(t('explain.targets', { checks: ['a', 'b'] }, 'zh')).toBe('；a；b');
    expect(t('explain.targets', { checks: ['a', 'b'] }, 'en')).toBe('; a; b');
  });

  it('chooses English only when asked', () => {
    expect(localeFromAcceptLanguage(undefined)).toBe('zh');
    expect(localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('zh;q=0.5, en')).toBe('en');
    expect(localeFromEnv({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LANG: 'C.UTF-8' })).toBe('zh');
    expect(localeFromEnv({ LANG: 'zh_CN.UTF-8', LC_ALL: 'en_GB.UTF-8' })).toBe('en');
    expect(localeFromEnv({})).toBe('zh');
  });
});
