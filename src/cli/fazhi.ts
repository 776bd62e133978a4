/**
 * `fazhi <命令> [参数…]`: the one command-line entry (package.json `bin`, run through the
 * launcher bin/fazhi and bin/fazhi.js; the npm scripts `analyze`, `ingest`, … are aliases of it). Each sub-command's
 * module is loaded only when that sub-command runs, so `fazhi analyze` never loads the
 * database or GraphQL code. Each sub-command parses its own arguments
 * (`fazhi analyze --help`).
 */
import { Command, CommanderError } from 'commander';

/** Runs a sub-command with its arguments and resolves to the exit code. */
type Runner = (argv: string[]) => Promise<number>;

interface SubCommand {
  name: string;
  zh: string;
  en: string;
  /** the sub-command runs in UTC (dates it stores or writes are UTC days) */
  utc?: boolean;
  load: () => Promise<Runner>;
}

export const SUB_COMMANDS: readonly SubCommand[] = [
  {
    name: 'analyze',
    zh: '分析一份报告：单位、年份、章节、表述、数值、建议链接和覆盖率',
    en: 'analyse one report file',
    load: async () => (await import('./analyze')).runAnalyzeCli,
  },
  {
    name: 'ingest',
    zh: '把报告文件或文件夹导入数据库',
    en: 'ingest report files and folders',
    utc: true,
    load: async () => {
      const { runIngestCli } = await import('./ingest');
      return async (argv) => {
        // the queue (PostgreSQL): `--queue` puts the files in, `--status` shows the batches
        if (!argv.includes('--queue') && !argv.includes('--status')) return runIngestCli(argv);
        const io = { stdout: process.stdout, stderr: process.stderr };
        return (await import('./ingest-queue')).runIngestQueueCli(argv, io);
      };
    },
  },
  {
    name: 'worker',
    zh: '处理导入队列中的作业（PostgreSQL；可在多台机器上同时运行）',
    en: 'take jobs of the ingest queue (PostgreSQL; run on as many machines as wanted)',
    utc: true,
    load: async () => (await import('./worker')).runWorkerCli,
  },
  {
    name: 'export',
    zh: '导出一个区的评估（xlsx 或 CSV），或清单模板',
    en: "export a district's assessment or the checklist template",
    utc: true,
    load: async () => (await import('./export')).runExportCli,
  },
  {
    name: 'import-checklist',
    zh: '从 xlsx 或 YAML 文件导入工作任务清单',
    en: 'import a checklist from .xlsx or .yaml',
    utc: true,
    load: async () => (await import('./import-checklist')).runImportChecklistCli,
  },
  {
    name: 'token',
    zh: '创建、列出、吊销 API 令牌',
    en: 'create, list and revoke API tokens',
    load: async () => {
      const { runTokenCli } = await import('./token');
      return (argv) => runTokenCli(argv, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
    },
  },
  {
    name: 'evaluate',
    zh: '衡量匹配质量（留一报告、冻结测试集、从审核中学习）',
    en: 'measure matching quality',
    load: async () => (await import('./evaluate-matching')).runEvaluateCli,
  },
  {
    name: 'evaluate-unit-year',
    zh: '衡量单位与年度识别的正确率',
    en: 'measure how often unit and year are read right',
    load: async () => (await import('./evaluate-unit-year')).runEvaluateUnitYearCli,
  },
  {
    name: 'bench',
    zh: '性能基准：生成语料，测量导入、查询和负载',
    en: 'benchmark ingest, queries and load',
    load: async () => {
      const { runBench } = await import('../../bench/run');
      return async (argv) => {
        await runBench(argv);
        return 0;
      };
    },
  },
  {
    name: 'schema',
    zh: '由代码重新生成 schema/schema.graphql',
    en: 'write schema/schema.graphql from the code',
    load: async () => (await import('./emit-schema')).runEmitSchemaCli,
  },
  {
    name: 'migration:generate',
    zh: '由实体变化生成当前数据库类型的迁移',
    en: 'generate a migration from entity changes',
    load: async () => (await import('./generate-migration')).runGenerateMigrationCli,
  },
];

/** Sub-commands that keep their process alive on open handles (database pools) exit when done. */
const EXIT_WHEN_DONE = new Set(['token', 'migration:generate', 'worker']);

const TITLES: Record<string, string> = {
  'Usage:': '用法 (Usage):',
  'Options:': '选项 (Options):',
  'Commands:': '命令 (Commands):',
};

/** Runs `fazhi` with the arguments after the program name; resolves to the exit code. */
export async function runFazhi(argv: string[]): Promise<number> {
  let result: Promise<number> = Promise.resolve(0);
  const program = new Command('fazhi')
    .description('法治清单命令行 (rule-of-law checklist command line)')
    .usage('<命令> [参数…]')
    .helpOption('-h, --help', '显示帮助 (display help)')
    .helpCommand(false)
    .enablePositionalOptions()
    .configureHelp({ styleTitle: (title) => TITLES[title] ?? title, subcommandTerm: (cmd) => cmd.name(), helpWidth: 160 })
    .configureOutput({
      outputError: (text, write) => write(text.replace(/^error: unknown command '(.*)'/u, "错误：没有命令 '$1' (unknown command)")),
    })
    .addHelpText('after', '\n每个命令的用法 (each command’s usage): fazhi <命令> --help')
    .showHelpAfterError('（运行 fazhi --help 查看全部命令 / run fazhi --help for the commands）')
    .exitOverride();
  for (const sub of SUB_COMMANDS) {
    program
      .command(sub.name)
      .description(`${sub.zh} (${sub.en})`)
      .helpOption(false)
      .allowUnknownOption()
      .allowExcessArguments()
      .passThroughOptions()
      .argument('[参数...]')
      .action((args: string[]) => {
        if (sub.utc) process.env.TZ = 'UTC';
        result = sub.load().then((run) => run(args));
      });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return result;
}

/** The process's entry (bin/fazhi.js): runs `fazhi` with the process's arguments and sets its exit code. */
export function main(argv: string[] = process.argv.slice(2)): void {
  const name = argv[0] ?? 'fazhi';
  runFazhi(argv).then(
    (code) => {
      if (EXIT_WHEN_DONE.has(name)) process.exit(code);
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}

if (require.main === module) main();
