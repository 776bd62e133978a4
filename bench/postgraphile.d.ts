/**
 * PostGraphile 5 exposes its presets, adaptor and grafserv through `exports` subpaths, which
 * this project's `moduleResolution: node` does not read; these declarations point the bench's
 * imports at the files those subpaths resolve to at run time (Node reads `exports`).
 * `@dataplan/pg` and `grafserv` are PostGraphile's peer dependencies, listed as devDependencies.
 */
declare module 'postgraphile/presets/amber' {
  export { PostGraphileAmberPreset } from 'postgraphile/dist/presets/amber';
}
declare module 'postgraphile/adaptors/pg' {
  export { makePgService } from '@dataplan/pg/dist/adaptors/pg';
}
declare module 'postgraphile/grafserv/node' {
  export { grafserv } from 'grafserv/dist/servers/node/index';
}
