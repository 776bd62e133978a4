/**
 * Compiles TypeScript on require with @swc/core (the compiler the tests use, with decorator
 * metadata for type-graphql and TypeORM), so sources run without a build step:
 * `node -r ./scripts/swc-register.js src/index.ts` (tests start the real server this way).
 */
'use strict';
const { readFileSync } = require('node:fs');
const swc = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
