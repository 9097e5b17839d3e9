/*
 * `npm run build:cli`, and `prepare` (which npm runs at the end of `npm ci` and `npm install` in a checkout): compiles
 * the CLI and the sf plugin commands (tsconfig.cli.json) into dist/cli, emptied first so that no command removed
 * from the sources lingers in the plugin's command folder. Plain JavaScript: it must run before anything else is
 * built. Without the dev dependencies (`npm ci --omit=dev`) there is no compiler: it says so and exits 0.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
} catch {
  process.stdout.write('build:cli: TypeScript is not installed (dev dependencies omitted): dist/cli not built\n');
  process.exit(0);
}
fs.rmSync(path.join(ROOT, 'dist', 'cli'), { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.cli.json')], { stdio: 'inherit' });
if (run.status !== 0) {
  process.stderr.write('build:cli: tsc failed; modjo-sf runs the sources through tsx until the build succeeds\n');
  process.exit(run.status ?? 1);
}
// The `sf modjo` commands as oclif sees them (ids, flags, args), written beside the build for `npm run check:sf`,
// which checks every `sf modjo …` of the docs against it like the CLI's own commands. Not at the project root: the
// CLI would then trust it over the compiled classes even when it is stale.
const manifest = spawnSync(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `import { Config } from '@oclif/core';
const config = await Config.load({ root: process.argv[1], devPlugins: false, userPlugins: false });
process.stdout.write(JSON.stringify(config.rootPlugin.manifest, null, 2) + '\\n');`,
    ROOT
  ],
  { cwd: ROOT, encoding: 'utf8' }
);
if (manifest.status !== 0) {
  process.stderr.write(`build:cli: the sf plugin manifest could not be written\n${manifest.stderr}`);
  process.exit(1);
}
fs.writeFileSync(path.join(ROOT, 'dist', 'cli', 'oclif.manifest.json'), manifest.stdout);
process.exit(0);
