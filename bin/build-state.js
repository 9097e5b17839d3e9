/*
 * Whether the compiled CLI (dist/cli, built by `npm run build:cli`, also run by `npm ci` through `prepare`) is at
 * least as new as every source it is built from. Used by the launcher (bin/modjo-sf.js) and by the tests that run the
 * compiled output (the `sf modjo` plugin).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'cli');
const COMPILED_MAIN = path.join(DIST, 'tools', 'cli', 'main.js');
const SOURCE_MAIN = path.join(ROOT, 'tools', 'cli', 'main.ts');
/** What tsconfig.cli.json compiles (and what it imports from contract/), and the config itself. */
const SOURCES = [
  'tools/cli',
  'tools/fake-org',
  'tools/sf-plugin',
  'tools/lib',
  'contract/validate.ts',
  'contract/types',
  'contract/call-payload.schema.json',
  'tsconfig.cli.json'
];

/** Modification time of the newest source file (tests excluded); 0 when there are none. */
function newestSource(root = ROOT) {
  let newest = 0;
  const visit = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    } else if (/\.(ts|mts|json)$/.test(p) && !p.endsWith('.test.ts')) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  SOURCES.forEach((source) => visit(path.join(root, source)));
  return newest;
}

/** True when dist/cli exists and no source is newer (always true without sources: an installed package). */
function compiledIsCurrent(root = ROOT) {
  const compiled = path.join(root, 'dist', 'cli', 'tools', 'cli', 'main.js');
  if (!fs.existsSync(compiled)) return false;
  if (!fs.existsSync(path.join(root, 'tools', 'cli', 'main.ts'))) return true;
  return fs.statSync(compiled).mtimeMs >= newestSource(root);
}

module.exports = { ROOT, DIST, COMPILED_MAIN, SOURCE_MAIN, SOURCES, newestSource, compiledIsCurrent };
