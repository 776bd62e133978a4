#!/usr/bin/env node
/**
 * The `fazhi` command (package.json `bin`; `npx fazhi …`, `npm run <command> -- …`): runs the
 * compiled dispatcher, src/cli/fazhi.ts. `npm ci` compiles it (the `prepare` script).
 */
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, '..', 'dist', 'src', 'cli', 'fazhi.js');
if (!existsSync(compiled)) {
  process.stderr.write('fazhi: 代码尚未编译，请先运行 npm run build (not compiled yet: run npm run build)\n');
  process.exit(2);
}
require(compiled).main();
