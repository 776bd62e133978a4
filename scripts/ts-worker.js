/**
 * A piscina worker's entry when the project runs from its TypeScript sources (tests, `npm run
 * dev`): registers the on-the-fly compiler, then exports the real worker module named in the
 * pool's workerData (src/pipeline/analysis-pool.ts). A build runs the compiled module directly.
 */
'use strict';
require('./swc-register');
const { workerData } = require('piscina');

module.exports = require(workerData.module);
