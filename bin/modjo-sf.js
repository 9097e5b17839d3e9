#!/usr/bin/env node
/*
 * modjo-sf launcher. Runs the compiled CLI (dist/cli: built by `npm ci` through the `prepare` script, or by
 * `npm run build:cli`) when it is at least as new as the sources. When a source changed since (a checkout being
 * edited), it runs the TypeScript sources through tsx (a dev dependency) instead, so a stale build never runs when the
 * sources are there. Without tsx it runs the build it has; with neither, it says what to do and exits 1.
 */
'use strict';
const fs = require('node:fs');
const { ROOT, COMPILED_MAIN, SOURCE_MAIN, compiledIsCurrent } = require('./build-state');

function loadTsx() {
  if (!fs.existsSync(SOURCE_MAIN)) return false;
  try {
    require('tsx/cjs');
    return true;
  } catch {
    return false;
  }
}

if (compiledIsCurrent()) {
  require(COMPILED_MAIN).runProcess();
} else if (loadTsx()) {
  require(SOURCE_MAIN).runProcess();
} else if (fs.existsSync(COMPILED_MAIN)) {
  require(COMPILED_MAIN).runProcess();
} else {
  process.stderr.write(`modjo-sf is not built. Run \`npm run build:cli\` (or \`npm ci\`) in ${ROOT}\n`);
  process.exit(1);
}
