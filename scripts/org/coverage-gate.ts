/**
 * Release gate on an Apex test run: exits 1 when a test failed, no test ran, or org-wide coverage is under --min.
 *
 *   tsx scripts/org/coverage-gate.ts --dir reports/apex [--min 90]
 *   tsx scripts/org/coverage-gate.ts --file result.json [--min 90]
 *
 * Writes a Markdown table to $GITHUB_STEP_SUMMARY when that variable is set (GitHub Actions).
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { evaluateApexRun, findResultFile, markdownReport, parseApexRun } from './lib/apex-results';

const USAGE = 'Usage: tsx scripts/org/coverage-gate.ts (--dir DIR | --file FILE) [--min PERCENT]';

function main(argv: string[]): number {
  let dir: string | undefined;
  let file: string | undefined;
  let min = 90;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else if (arg === '--dir' && value !== undefined) {
      dir = value;
      i++;
    } else if (arg === '--file' && value !== undefined) {
      file = value;
      i++;
    } else if (arg === '--min' && value !== undefined && !Number.isNaN(Number(value))) {
      min = Number(value);
      i++;
    } else {
      console.error(`coverage-gate: unexpected argument ${arg}\n${USAGE}`);
      return 2;
    }
  }
  if (!dir && !file) {
    console.error(USAGE);
    return 2;
  }
  let verdict;
  try {
    const path = file ?? findResultFile(dir as string);
    verdict = evaluateApexRun(parseApexRun(JSON.parse(readFileSync(path, 'utf8'))), min);
  } catch (error) {
    console.error(`coverage-gate: ${(error as Error).message}`);
    return 1;
  }
  const report = markdownReport(verdict, min);
  console.log(report);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, report);
  for (const problem of verdict.problems) {
    console.log(process.env.GITHUB_ACTIONS ? `::error title=Apex tests::${problem}` : `error: ${problem}`);
  }
  return verdict.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
