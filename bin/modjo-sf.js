#!/usr/bin/env node
/*
 * modjo-sf launcher. Runs the compiled CLI (dist/cli, built by `npm run build:cli`) when it is up to date;
 * otherwise, in a checkout, runs the TypeScript sources through tsx (a dev dependency). Fails with a clear
 * message when neither is available.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const compiled = path.join(root, 'dist', 'cli', 'tools', 'cli', 'main.js');
const source = path.join(root, 'tools', 'cli', 'main.ts');

function newestSource(dirs) {
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
    } else if (/\.(ts|json)$/.test(p) && !p.endsWith('.test.ts')) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  dirs.forEach(visit);
  return newest;
}

function compiledIsCurrent() {
  if (!fs.existsSync(compiled)) return false;
  if (!fs.existsSync(source)) return true;
  const built = fs.statSync(compiled).mtimeMs;
  const dirs = ['tools/cli', 'tools/fake-org', 'contract/validate.ts', 'contract/call-payload.schema.json'];
  return built >= newestSource(dirs.map((d) => path.join(root, d)));
}

if (compiledIsCurrent()) {
  require(compiled).runProcess();
} else {
  let tsx = false;
  if (fs.existsSync(source)) {
    try {
      require('tsx/cjs');
      tsx = true;
    } catch {
      tsx = false;
    }
  }
  if (tsx) {
    require(source).runProcess();
  } else if (fs.existsSync(compiled)) {
    require(compiled).runProcess();
  } else {
    process.stderr.write(
      'modjo-sf is not built. Run `npm run build:cli` (or `npm ci`, which installs tsx) in ' + root + '\n'
    );
    process.exit(1);
  }
}
