/**
 * `npm run test:browser`: builds the workbench in production mode, serves it on a free localhost port, runs the
 * Jest browser tests against it (Debian Chromium through playwright-core), then writes
 * `reports/browser/results.json` ({ passed, failed, total, … }) and prints a closing `N passed, N failed` line.
 * Screenshots go to `reports/screenshots/`, the render measure to `reports/browser/perf.json`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCLI } from 'jest';
import { buildWorkbench, REPO_ROOT } from '../../workbench/src/build';
import { serveStatic } from '../../workbench/src/server';

const REPORTS = path.join(REPO_ROOT, 'reports', 'browser');

interface Summary {
  passed: number;
  failed: number;
  total: number;
  buildMs: number;
  durationMs: number;
  url?: string;
  error?: string;
}

function writeSummary(summary: Summary): void {
  fs.mkdirSync(REPORTS, { recursive: true });
  fs.writeFileSync(path.join(REPORTS, 'results.json'), JSON.stringify(summary, null, 2) + '\n');
  console.log(`${summary.passed} passed, ${summary.failed} failed`);
}

async function main(): Promise<number> {
  const started = Date.now();
  const outDir = path.join(REPO_ROOT, 'workbench', 'dist');
  // Screenshots of a previous run would otherwise linger next to the new ones.
  fs.rmSync(path.join(REPO_ROOT, 'reports', 'screenshots'), { recursive: true, force: true });
  const build = await buildWorkbench({ mode: 'production', outDir });
  fs.mkdirSync(REPORTS, { recursive: true });
  fs.writeFileSync(
    path.join(REPORTS, 'build.json'),
    JSON.stringify(
      {
        buildMs: build.durationMs,
        pages: build.pages.length,
        warnings: build.warnings,
        missingLabels: build.missingLabels
      },
      null,
      2
    ) + '\n'
  );
  const server = await serveStatic(outDir, 0);
  process.env.WORKBENCH_URL = server.url;
  process.env.WORKBENCH_DIST = outDir;
  try {
    const { results } = await runCLI(
      {
        config: path.join(__dirname, 'jest.config.js'),
        runInBand: true,
        $0: 'jest',
        _: [],
        // `npm run test:browser -- <words>` runs only the tests whose name contains them.
        ...(process.argv.length > 2
          ? {
              testNamePattern: process.argv
                .slice(2)
                .join(' ')
                .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
            }
          : {})
      },
      [REPO_ROOT]
    );
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    writeSummary({
      passed: results.numPassedTests,
      failed,
      total: results.numTotalTests,
      buildMs: build.durationMs,
      durationMs: Date.now() - started,
      url: server.url
    });
    return failed === 0 && results.success ? 0 : 1;
  } finally {
    await server.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    writeSummary({ passed: 0, failed: 1, total: 1, buildMs: 0, durationMs: 0, error: String(error) });
    process.exit(1);
  });
