/**
 * `npm test`: runs every gate in order, each as its own npm script, continues after a failure so one run
 * reports everything, prints a timing table, saves reports/summary.json, and ends with the line
 * `N passed, N failed` (N = test cases of the Jest projects and browser tests, plus the gates themselves).
 *
 * Order: cheap static checks first; build:lwc before typecheck/tests/analysis because the LWC `.js` is
 * generated (git-ignored) and everything that deploys or scans the package needs it current.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { REPORTS_DIR, ROOT } from './lib/paths';
import { writeJson } from './lib/gate';

export const GATES = [
  'format:check',
  'lint',
  'build:lwc',
  'typecheck',
  'test:unit',
  'analyze:apex',
  'analyze:pmd',
  'check:metadata',
  'check:sf',
  'test:browser'
] as const;

const JEST_RESULTS = path.join(REPORTS_DIR, 'jest', 'results.json');
const BROWSER_RESULTS = path.join(REPORTS_DIR, 'browser', 'results.json');

export interface GateRun {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  seconds: number;
  exitCode: number | null;
  note?: string;
}

export interface TestCounts {
  passed: number;
  failed: number;
}

function runNpmScript(name: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', name], { cwd: ROOT, stdio: 'inherit', env: process.env });
    child.on('close', (code) => resolve(code));
    child.on('error', () => resolve(null));
  });
}

/** Jest's JSON results (both projects): passed and failed test cases. */
export function readJestCounts(file = JEST_RESULTS): TestCounts | undefined {
  if (!fs.existsSync(file)) {
    return undefined;
  }
  const results = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numRuntimeErrorTestSuites?: number;
  };
  // A suite that fails to load has no test cases; count it as a failed case so it cannot vanish.
  return {
    passed: results.numPassedTests,
    failed: results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0)
  };
}

/** The browser tests' summary ({passed, failed}) written by `npm run test:browser`. */
export function readBrowserCounts(file = BROWSER_RESULTS): TestCounts | undefined {
  if (!fs.existsSync(file)) {
    return undefined;
  }
  const results = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<TestCounts>;
  return { passed: Number(results.passed ?? 0), failed: Number(results.failed ?? 0) };
}

/** The closing line CI reads. */
export function closingLine(runs: GateRun[], tests: TestCounts[]): string {
  const passed = runs.filter((r) => r.status === 'passed').length + tests.reduce((n, t) => n + t.passed, 0);
  const failed = runs.filter((r) => r.status === 'failed').length + tests.reduce((n, t) => n + t.failed, 0);
  return `${passed} passed, ${failed} failed`;
}

export function formatTable(runs: GateRun[]): string {
  const lines = ['', 'Gate             Result    Time', '---------------  -------  ------'];
  for (const run of runs) {
    const time = run.status === 'skipped' ? '' : `${run.seconds.toFixed(1)}s`;
    lines.push(
      `${run.name.padEnd(15)}  ${run.status.padEnd(7)}  ${time.padStart(6)}${run.note ? `  ${run.note}` : ''}`
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const scripts = (
    JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  fs.rmSync(JEST_RESULTS, { force: true });
  fs.rmSync(BROWSER_RESULTS, { force: true });
  const started = Date.now();
  const runs: GateRun[] = [];
  for (const name of GATES) {
    if (!scripts[name]) {
      runs.push({ name, status: 'skipped', seconds: 0, exitCode: null, note: 'no such npm script' });
      continue;
    }
    console.log(`\n=== ${name} ===`);
    const t0 = Date.now();
    const exitCode = await runNpmScript(name);
    runs.push({ name, status: exitCode === 0 ? 'passed' : 'failed', seconds: (Date.now() - t0) / 1000, exitCode });
  }
  const jest = readJestCounts();
  const browser = readBrowserCounts();
  const tests = [jest, browser].filter((t): t is TestCounts => t !== undefined);
  const unit = runs.find((r) => r.name === 'test:unit');
  if (unit && jest) {
    unit.note = `${jest.passed} passed, ${jest.failed} failed test cases`;
  }
  const browserRun = runs.find((r) => r.name === 'test:browser');
  if (browserRun && browser) {
    browserRun.note = `${browser.passed} passed, ${browser.failed} failed test cases`;
  }
  const totalSeconds = (Date.now() - started) / 1000;
  console.log(formatTable(runs));
  console.log(`Total ${totalSeconds.toFixed(1)}s`);
  const line = closingLine(runs, tests);
  writeJson(path.join(REPORTS_DIR, 'summary.json'), {
    gates: runs,
    tests: { jest: jest ?? null, browser: browser ?? null },
    totalSeconds,
    result: line
  });
  process.exitCode = runs.some((r) => r.status === 'failed') || tests.some((t) => t.failed > 0) ? 1 : 0;
  console.log(line);
}

if (require.main === module) {
  void main();
}
