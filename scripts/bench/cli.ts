/**
 * Bench section `cli`: modjo-sf's start-up and its validate throughput.
 * - Throughput: `modjo-sf validate` (compiled, as installed) over an NDJSON file of `sample` payloads (≈ 15 KB each)
 *   against a bare `readline` + `JSON.parse` loop over the same file: payloads per second of each (reading, parsing and,
 *   for validate, checking), medians of interleaved runs, and their ratio measured in the same run.
 * - Start-up: wall time of validating one payload (contract/examples/call.json) with the compiled CLI, as the launcher
 *   runs it after `npm ci`, and with the sources through tsx, as it runs them when a source is newer than the build.
 * Reported only: no target, no gate.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { compiledIsCurrent } from '../../bin/build-state';
import { generatePayload } from '../../tools/cli/sample/generator';
import { REPO_ROOT } from '../../workbench/src/build';
import type { SectionReport } from './run';
import { median, round } from './stats';

const PAYLOADS = 5000;
const THROUGHPUT_RUNS = 3;
const STARTUP_RUNS = 5;
const LAUNCHER = path.join(REPO_ROOT, 'bin', 'modjo-sf.js');
const ONE_PAYLOAD = path.join(REPO_ROOT, 'contract', 'examples', 'call.json');

/** The baseline: read the file line by line and parse each line, nothing else. */
const BARE_LOOP = `
const fs = require('node:fs');
const readline = require('node:readline');
(async () => {
  const started = performance.now();
  let payloads = 0;
  for await (const line of readline.createInterface({ input: fs.createReadStream(process.argv[1]), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    JSON.parse(line);
    payloads++;
  }
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ payloads, payloadsPerSecond: Math.round((payloads / ms) * 1000) }));
})();`;

export async function cliSection(): Promise<SectionReport> {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modjo-bench-cli-'));
  try {
    const file = path.join(dir, 'sample.ndjson');
    const bytes = writeSample(file);
    const throughput = measureThroughput(file);
    const startup = measureStartup();
    const results = { payloads: PAYLOADS, averagePayloadBytes: Math.round(bytes / PAYLOADS), ...throughput, startup };
    const lines = [
      `- validate, ${PAYLOADS} sample payloads of ${round(bytes / PAYLOADS / 1024)} KB on average (NDJSON): ` +
        `${throughput.validatePerSecond} payloads/s; bare readline + JSON.parse over the same file: ` +
        `${throughput.barePerSecond} payloads/s; ratio ${throughput.ratio} (medians of ${THROUGHPUT_RUNS} interleaved runs)`,
      `- start-up, validate one payload (wall clock, median of ${STARTUP_RUNS}): compiled (dist/cli, the default after ` +
        `npm ci) ${startup.compiledMs} ms; sources through tsx (a source newer than the build) ${startup.tsxMs} ms`
    ];
    return { results, lines };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function ensureBuilt(): void {
  if (compiledIsCurrent()) return;
  const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-cli.cjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build:cli failed');
}

/** The payloads of `modjo-sf sample --count N --seed bench`, one per line; returns the file's size. */
function writeSample(file: string): number {
  const fd = fs.openSync(file, 'w');
  try {
    for (let i = 0; i < PAYLOADS; i++)
      fs.writeSync(fd, `${JSON.stringify(generatePayload(i, { seed: 'bench', kind: 'mixed' }))}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(file).size;
}

function measureThroughput(file: string): { validatePerSecond: number; barePerSecond: number; ratio: number } {
  const validate: number[] = [];
  const bare: number[] = [];
  for (let run = 0; run < THROUGHPUT_RUNS; run++) {
    validate.push(
      jsonOf<{ result: { payloadsPerSecond: number } }>(node([LAUNCHER, 'validate', file, '--json'])).result
        .payloadsPerSecond
    );
    bare.push(jsonOf<{ payloadsPerSecond: number }>(node(['-e', BARE_LOOP, file])).payloadsPerSecond);
  }
  const validatePerSecond = median(validate);
  const barePerSecond = median(bare);
  return { validatePerSecond, barePerSecond, ratio: Math.round((validatePerSecond / barePerSecond) * 100) / 100 };
}

function measureStartup(): { compiledMs: number; tsxMs: number } {
  const tsx = ['--require', require.resolve('tsx/cjs'), path.join(REPO_ROOT, 'tools', 'cli', 'main.ts')];
  const compiled: number[] = [];
  const sources: number[] = [];
  for (let run = 0; run < STARTUP_RUNS; run++) {
    compiled.push(wallClock([LAUNCHER, 'validate', ONE_PAYLOAD]));
    sources.push(wallClock([...tsx, 'validate', ONE_PAYLOAD]));
  }
  return { compiledMs: Math.round(median(compiled)), tsxMs: Math.round(median(sources)) };
}

function wallClock(args: string[]): number {
  const started = performance.now();
  node(args);
  return performance.now() - started;
}

function node(args: string[]): string {
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`node ${args.slice(0, 3).join(' ')} failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

function jsonOf<T>(text: string): T {
  return JSON.parse(text) as T;
}
