/**
 * `npm run dev`: recompiles on every change (tsc --watch) and restarts the server when the
 * compiled code changes (node --watch dist/src/index.js). Stops both on Ctrl-C.
 */
'use strict';
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let server = null;

const compiler = spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
compiler.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  // the first complete compilation starts the server; node --watch restarts it after later ones
  if (server === null && /Found \d+ errors?\. Watching for file changes/u.test(chunk.toString('utf8'))) {
    server = spawn(process.execPath, ['--watch', join('dist', 'src', 'index.js')], { cwd: root, stdio: 'inherit' });
    server.on('exit', (code) => stop(code ?? 0));
  }
});
compiler.on('exit', (code) => stop(code ?? 0));

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of [server, compiler]) if (child && child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
