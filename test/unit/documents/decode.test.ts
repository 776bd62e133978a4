import iconv from 'iconv-lite';
import { decodeReportBytes } from '../../../src/documents/decode';
import { seedReports } from '../../helpers/seeds';
import { analysed } from './analysis-essentials';

const seeds = seedReports();
const byUnit = (unit: string) => seeds.find((s) => s.unit === unit)!.raw;

const withBom = (bom: number[], body: Buffer) => Buffer.concat([Buffer.from(bom), body]);

describe('decodeReportBytes: the five seed reports in every accepted encoding', () => {
  const cases: Array<[string, string, (t: string) => Buffer, string, boolean]> = [
    ['UTF-8', '万兴街', (t) => Buffer.from(t, 'utf8'), 'UTF-8', false],
    ['UTF-8 with BOM', '王顶堤街', (t) => withBom([0xef, 0xbb, 0xbf], Buffer.from(t, 'utf8')), 'UTF-8', true],
    ['UTF-16LE with BOM', '稷下街道', (t) => withBom([0xff, 0xfe], iconv.encode(t, 'utf-16le')), 'UTF-16LE', true],
    ['UTF-16BE with BOM', '塘沽街道', (t) => withBom([0xfe, 0xff], iconv.encode(t, 'utf-16be')), 'UTF-16BE', true],
    ['UTF-16LE without BOM', '胡家园街', (t) => iconv.encode(t, 'utf-16le'), 'UTF-16LE', false],
    ['UTF-16BE without BOM', '万兴街', (t) => iconv.encode(t, 'utf-16be'), 'UTF-16BE', false],
    ['GB18030', '胡家园街', (t) => iconv.encode(t, 'gb18030'), 'GB18030', false],
    ['GBK', '王顶堤街', (t) => iconv.encode(t, 'gbk'), 'GB18030', false],
    ['GB18030', '塘沽街道', (t) => iconv.encode(t, 'gb18030'), 'GB18030', false],
  ];

  it.each(cases)('%s (%s) decodes to the exact text and the same analysis', (_label, unit, encode, encoding, bom) => {
    const raw = byUnit(unit);
    const bytes = encode(raw);
    expect(iconv.decode(bytes, encoding === 'GB18030' ? 'gb18030' : encoding.toLowerCase(), { stripBOM: true })).toBe(raw); // the fixture is lossless
    const decoded = decodeReportBytes(bytes);
    expect(decoded).toMatchObject({ ok: true, encoding, bom });
    if (!decoded.ok) return;
    expect(decoded.text).toBe(raw);
    expect(decoded.warnings).toEqual([]);
    expect(analysed(decoded.text)).toEqual(analysed(raw));
  });

  it('every seed survives every encoding', () => {
    for (const { raw } of seeds) {
      for (const enc of ['utf8', 'utf-16le', 'utf-16be', 'gb18030']) {
        const decoded = decodeReportBytes(iconv.encode(raw, enc));
        expect(decoded.ok && decoded.text).toBe(raw);
      }
    }
  });
});

describe('decodeReportBytes: what is refused, with the reason named', () => {
  it.each([
    ['no bytes', 'EMPTY', Buffer.alloc(0), /empty/],
    ['spaces and line breaks', 'EMPTY', Buffer.from(' \r\n\t\n', 'utf8'), /only whitespace \(UTF-8\)/],
    ['full-width spaces in GB18030', 'EMPTY', iconv.encode('\u3000\u3000\n\u3000', 'gb18030'), /only whitespace \(GB18030\)/],
    ['a BOM and nothing else', 'EMPTY', Buffer.from([0xef, 0xbb, 0xbf]), /UTF-8/],
    ['whitespace in UTF-16LE', 'EMPTY', withBom([0xff, 0xfe], iconv.encode('  \n ', 'utf-16le')), /UTF-16LE/],
    ['NUL bytes of no text', 'BINARY', Buffer.from([1, 0, 2]), /NUL/],
    ['random binary', 'BINARY', Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 7919) % 251)), /not a text file|NUL/],
    ['control characters', 'BINARY', Buffer.from('\u0001\u0002\u0003\u0004abc\u0005\u0006', 'utf8'), /control/],
    ['a PDF', 'BINARY', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1'), /PDF document/],
    ['a .docx (zip)', 'BINARY', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), /ZIP archive/],
    ['an old .doc', 'BINARY', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /old Microsoft Office file/],
    ['UTF-32 by its BOM', 'UNSUPPORTED_ENCODING', Buffer.from([0xff, 0xfe, 0, 0, 0x60, 0x4f, 0, 0]), /UTF-32LE/],
    ['Big5', 'UNSUPPORTED_ENCODING', iconv.encode(byUnit('万兴街'), 'big5'), /Big5/],
    [
      'Shift_JIS',
      'UNSUPPORTED_ENCODING',
      iconv.encode('法治政府建設の年次報告。令和四年度、区役所は行政手続の見直しを進めました。', 'shift_jis'),
      /not valid UTF-8|SHIFT_JIS|CP932/,
    ],
    [
      'Windows-1252',
      'UNSUPPORTED_ENCODING',
      iconv.encode('Rapport annuel sur la construction d’un gouvernement fondé sur le droit — été 2023', 'win1252'),
      /not valid UTF-8, UTF-16 or GB18030/,
    ],
  ])('%s → %s', (_label, code, bytes, message) => {
    const decoded = decodeReportBytes(bytes);
    expect(decoded).toMatchObject({ ok: false, code });
    if (!decoded.ok) {
      expect(decoded.message).toMatch(message);
      expect(decoded.message).not.toContain('\n');
    }
  });
});

describe('decodeReportBytes: small and damaged input', () => {
  it('short GBK (你好) is GB18030', () => {
    expect(decodeReportBytes(Buffer.from([0xc4, 0xe3, 0xba, 0xc3]))).toMatchObject({ ok: true, text: '你好', encoding: 'GB18030' });
  });

  it('UTF-16LE with a BOM and one character', () => {
    expect(decodeReportBytes(Buffer.from([0xff, 0xfe, 0x60, 0x4f]))).toMatchObject({ ok: true, text: '你', encoding: 'UTF-16LE' });
  });

  it('a UTF-8 file cut inside its last character keeps the rest and says so', () => {
    const decoded = decodeReportBytes(Buffer.from('法治街道', 'utf8').subarray(0, 10));
    expect(decoded).toMatchObject({ ok: true, text: '法治街', encoding: 'UTF-8' });
    if (decoded.ok) expect(decoded.warnings[0]).toMatch(/cut/);
  });

  it('pure ASCII is UTF-8', () => {
    expect(decodeReportBytes(Buffer.from('Annual report 2023\n', 'ascii'))).toMatchObject({ ok: true, encoding: 'UTF-8', bom: false });
  });
});
