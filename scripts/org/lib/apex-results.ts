/**
 * Reads the result of `sf apex run test --code-coverage --result-format junit --output-dir DIR` (or the `--json`
 * envelope of the same command) and decides whether a test run passes the release gate: no failing test, at least one
 * test run, and org-wide coverage at or above a threshold.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ApexRunSummary {
  outcome: string;
  testsRan: number;
  passing: number;
  failing: number;
  skipped: number;
  orgWideCoverage?: string;
  testRunCoverage?: string;
  testRunId?: string;
}

export interface ApexTestRecord {
  MethodName: string;
  Outcome: string;
  Message?: string | null;
  StackTrace?: string | null;
  ApexClass?: { Name?: string } | null;
  FullName?: string;
}

export interface ApexRun {
  summary: ApexRunSummary;
  tests: ApexTestRecord[];
}

export interface GateVerdict {
  ok: boolean;
  problems: string[];
  coverage: number | null;
  failures: { name: string; message: string }[];
  summary: ApexRunSummary;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return 0;
}

/** Accepts the CLI's `--json` envelope (`{ status, result }`) or the bare result written to the output directory. */
export function parseApexRun(json: unknown): ApexRun {
  const root = isRecord(json) && isRecord(json.result) ? json.result : json;
  if (!isRecord(root) || !isRecord(root.summary)) {
    throw new Error('not an Apex test result: no "summary" object');
  }
  const s = root.summary;
  const summary: ApexRunSummary = {
    outcome: typeof s.outcome === 'string' ? s.outcome : 'Unknown',
    testsRan: toNumber(s.testsRan),
    passing: toNumber(s.passing),
    failing: toNumber(s.failing),
    skipped: toNumber(s.skipped)
  };
  if (typeof s.orgWideCoverage === 'string') summary.orgWideCoverage = s.orgWideCoverage;
  if (typeof s.testRunCoverage === 'string') summary.testRunCoverage = s.testRunCoverage;
  if (typeof s.testRunId === 'string') summary.testRunId = s.testRunId;
  const tests = Array.isArray(root.tests) ? (root.tests.filter(isRecord) as unknown as ApexTestRecord[]) : [];
  return { summary, tests };
}

/** "91%" or "91.5%" or 91 → 91 / 91.5; anything else → null. */
export function parsePercent(value: string | number | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
  return match ? Number(match[1]) : null;
}

export function evaluateApexRun(run: ApexRun, minCoverage: number): GateVerdict {
  const problems: string[] = [];
  const failures = run.tests
    .filter((t) => t.Outcome !== 'Pass' && t.Outcome !== 'Skip')
    .map((t) => ({
      name: t.FullName ?? `${t.ApexClass?.Name ?? '?'}.${t.MethodName}`,
      message: (t.Message ?? t.Outcome).toString()
    }));
  if (run.summary.testsRan === 0) problems.push('no Apex test ran');
  if (run.summary.failing > 0 || failures.length > 0 || run.summary.outcome === 'Failed') {
    const count = Math.max(run.summary.failing, failures.length);
    problems.push(`${count} Apex test(s) failed`);
  }
  const coverage = parsePercent(run.summary.orgWideCoverage);
  if (coverage === null) {
    problems.push('no org-wide coverage in the result (was --code-coverage given?)');
  } else if (coverage < minCoverage) {
    problems.push(`org-wide coverage ${coverage}% is under the required ${minCoverage}%`);
  }
  return { ok: problems.length === 0, problems, coverage, failures, summary: run.summary };
}

/** The JSON result file the CLI wrote into an output directory (named after the test run id). */
export function findResultFile(dir: string): string {
  const idFile = join(dir, 'test-run-id.txt');
  if (existsSync(idFile)) {
    const id = readFileSync(idFile, 'utf8').trim();
    const byId = join(dir, `test-result-${id}.json`);
    if (id && existsSync(byId)) return byId;
  }
  const plain = join(dir, 'test-result.json');
  if (existsSync(plain)) return plain;
  const candidates = existsSync(dir)
    ? readdirSync(dir).filter((f) => /^test-result-[^.]*\.json$/.test(f) && !f.endsWith('-codecoverage.json'))
    : [];
  if (candidates.length === 1) return join(dir, candidates[0]);
  throw new Error(`no Apex test result JSON in ${dir} (expected test-run-id.txt and test-result-<id>.json)`);
}

export function markdownReport(verdict: GateVerdict, minCoverage: number): string {
  const s = verdict.summary;
  const lines = [
    `### Apex tests: ${verdict.ok ? 'passed' : 'FAILED'}`,
    '',
    '| Tests run | Passing | Failing | Skipped | Org-wide coverage | Required |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${s.testsRan} | ${s.passing} | ${s.failing} | ${s.skipped} | ${s.orgWideCoverage ?? 'n/a'} | ${minCoverage}% |`
  ];
  if (verdict.problems.length > 0) {
    lines.push('', ...verdict.problems.map((p) => `- ${p}`));
  }
  if (verdict.failures.length > 0) {
    lines.push('', '<details><summary>Failing tests</summary>', '');
    for (const f of verdict.failures.slice(0, 50)) {
      lines.push(`- \`${f.name}\`: ${f.message.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
    lines.push('', '</details>');
  }
  return lines.join('\n') + '\n';
}
