/**
 * Builds demo-reports/: the five seed reports as offices send them (GB18030 text, a Word
 * file, a PDF with a text layer, a saved web page, UTF-16 text) plus a scanned PDF, to try
 * `npm run ingest` on:  node scripts/run-ts.js scripts/make-demo-folder.ts [DIR]
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { docxOf, pageOf004 } from '../test/unit/documents/build-documents';

const root = join(__dirname, '..');
const out = process.argv[2] ?? join(root, 'demo-reports');
const seed = (file: string) => readFileSync(join(root, 'seeds', 'reports', file), 'utf8');
const fixtures = join(root, 'test', 'fixtures', 'documents');

async function main(): Promise<void> {
  mkdirSync(join(out, '南开区'), { recursive: true });
  mkdirSync(join(out, '滨海新区'), { recursive: true });
  writeFileSync(join(out, '南开区', '万兴街2022年法治政府建设情况报告.txt'), iconv.encode(seed('000_6e4407ce581485da.txt'), 'gb18030'));
  writeFileSync(join(out, '南开区', '王顶堤街2023年法治政府建设情况报告.docx'), await docxOf(seed('001_84781cc4d090b840.txt'), '王顶堤街'));
  copyFileSync(join(fixtures, 'tanggu-2021.pdf'), join(out, '滨海新区', '塘沽街道2021年报告.pdf'));
  copyFileSync(join(fixtures, 'scanned.pdf'), join(out, '滨海新区', '扫描件.pdf'));
  writeFileSync(join(out, '滨海新区', '胡家园街2022年工作总结.html'), pageOf004(seed('004_744dcdb32919324b.txt')));
  writeFileSync(
    join(out, '稷下街道2023年度报告.txt'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(seed('002_d696e94e7c632d16.txt'), 'utf16le')]),
  );
  process.stdout.write(`wrote 6 files under ${out}\n`);
}

void main();
