/** What the unit-reading shape tests share: a report body to put under an invented opening, and how they read a text. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { projectRoot } from '../../../src/common/project-root';
import { analyzeReport } from '../../../src/reading';

/** A short body of work, shortcomings and plans, with no unit name in it. */
export const body =
  '\n一、主要举措\n（一）加强组织领导\n全年集体学法6次。\n（二）推进依法行政\n全年审核规范性文件12件。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

/** The names of the unit candidates read from a text. */
export const names = (text: string): string[] => analyzeReport(text).unitCandidates.map((c) => c.name);

/** A frozen set's text (`test/fixtures/<set>/texts/<file>`), the real outcome a shape came from. */
export const real = (set: string, file: string): string =>
  readFileSync(join(projectRoot(), 'test', 'fixtures', set, 'texts', file), 'utf8');
