/**
 * Runs a TypeScript script without a build step, compiling on require with @swc/core (the
 * compiler the tests use):  node scripts/run-ts.js scripts/make-pdf-fixtures.ts [args…]
 */
'use strict';
const { resolve } = require('node:path');
require('./swc-register');

const [script, ...args] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: node scripts/run-ts.js SCRIPT.ts [args…]\n');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(script), ...args];
require(resolve(script));
