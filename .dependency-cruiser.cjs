// Layer rules of src/, checked by `npm run -s depcruise` (part of `npm run check`).
// Roles come from file suffixes (README "Layout"): *.entity.ts, *.service.ts, *.store.ts and src/db are
// storage; *.resolver.ts, *.type.ts, *.loaders.ts and src/graphql are the GraphQL API; unsuffixed files in a
// domain folder are its pure core. Type-only imports count too (tsPreCompilationDeps): a pure module that
// names a storage type is coupled to it all the same.
// Folder-level cycles (rule d) are checked by scripts/check-layers.js (`npm run -s check:layers`, also in `npm run check`).

/** npm packages that are storage. */
const STORAGE_PACKAGES = '^node_modules/(typeorm|sqlite3|pg)/';
/** Storage modules of this project. */
const STORAGE_MODULES = ['^src/db/', '\\.(entity|service|store)\\.ts$'];
/** npm packages that are the GraphQL API. */
const GRAPHQL_PACKAGES = '^node_modules/(graphql|graphql-[^/]+|type-graphql|@apollo/[^/]+)/';
/** GraphQL modules of this project. */
const GRAPHQL_MODULES = ['^src/graphql/', '\\.(resolver|type|loaders)\\.ts$'];

// ---------------------------------------------------------------------------------------------------------
// Known violations: today's code that breaks a rule below, listed file by file so that `npm run check`
// passes while nothing new may break it. Each entry is one existing import to remove (issue 13); delete the
// entry with the import. Never add a file here to make a new import pass.
// ---------------------------------------------------------------------------------------------------------
const KNOWN_PURE_CORE_VIOLATIONS = []; // none since issue 13
const KNOWN_STORAGE_VIOLATIONS = []; // none today

/** An anchored alternation of exact paths, or a pattern that matches nothing when the list is empty. */
const exactly = (paths) => (paths.length === 0 ? '^$' : `^(${paths.map((p) => p.replace(/[.]/g, '\\.')).join('|')})$`);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'reading-is-pure',
      severity: 'error',
      comment:
        'src/reading（报告分析，原 src/reports/analysis）只读文本：不得引用存储（typeorm、sqlite3、pg、src/db、*.entity、*.service）、' +
        'GraphQL、src/evidence 或 src/pipeline。 Reading a report is pure: no storage, no GraphQL, nothing from src/evidence or src/pipeline.',
      from: { path: '^src/reading/' },
      to: { path: [STORAGE_PACKAGES, ...STORAGE_MODULES, GRAPHQL_PACKAGES, ...GRAPHQL_MODULES, '^src/(evidence|pipeline)/'] },
    },
    {
      name: 'pure-core-no-storage-or-graphql',
      severity: 'error',
      comment:
        'assessment 与 evidence 的纯核心（无角色后缀的文件）不得引用存储或 GraphQL。' +
        ' The pure core of assessment and evidence (files without a role suffix) imports no storage and no GraphQL.',
      from: {
        path: '^src/(assessment|evidence)/',
        pathNot: ['\\.(entity|service|store|resolver|type|loaders)\\.ts$', exactly(KNOWN_PURE_CORE_VIOLATIONS)],
      },
      to: { path: [STORAGE_PACKAGES, ...STORAGE_MODULES, GRAPHQL_PACKAGES, ...GRAPHQL_MODULES] },
    },
    {
      name: 'storage-no-graphql',
      severity: 'error',
      comment:
        '存储层（*.entity、*.service、*.store、src/db）不得引用 GraphQL。 Storage (entities, services, stores, src/db) imports no GraphQL.',
      from: {
        path: ['^src/db/', '^src/.+\\.(entity|service|store)\\.ts$'],
        pathNot: exactly(KNOWN_STORAGE_VIOLATIONS),
      },
      to: { path: [GRAPHQL_PACKAGES, ...GRAPHQL_MODULES] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: ['^src/', '^node_modules/'],
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
