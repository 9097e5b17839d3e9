/**
 * `npm run bench [-- <section> ...]`: the speed and size measures of the project, never part of `npm test`.
 * Sections: render (call cards in Chromium), bundles (compiled LWC sizes), cli. Each section measures in one run,
 * so that ratios compare figures taken under the same machine load, and writes
 * `reports/bench/<section>.json`; `reports/bench/summary.md` collects the lines of every section that ran.
 * A target (a budget) is reported as met or missed; the command fails only when a measure could not be taken.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, buildWorkbench } from '../../workbench/src/build';
import { serveStatic } from '../../workbench/src/server';
import { launchChromium } from '../../tests/browser/chromium';
import { readWorkbenchPages } from '../../tests/browser/page';
import { cliSection } from './cli';
import { compactSpeedup, measureRenders } from './render';
import { MAX_BUNDLE_BYTES, compileBundles, transpileLwc } from '../build-lwc';
import { LWC_DIR } from '../lib/paths';

const REPORTS = path.join(REPO_ROOT, 'reports', 'bench');

export interface SectionReport {
  /** Figures written to reports/bench/<section>.json. */
  results: unknown;
  /** Markdown lines for the summary. */
  lines: string[];
}

interface Section {
  name: string;
  title: string;
  run: () => Promise<SectionReport>;
}

/** Call cards in Chromium: the workbench built in production mode, every scenario with a `perf` block. */
async function renderSection(): Promise<SectionReport> {
  const outDir = path.join(REPO_ROOT, 'workbench', 'dist-bench');
  await buildWorkbench({ mode: 'production', outDir });
  const server = await serveStatic(outDir, 0);
  const launched = await launchChromium();
  try {
    const results = await measureRenders(launched.browser, server.url, readWorkbenchPages(outDir));
    const lines = results.map(
      (r) =>
        `- ${r.component} × ${r.count} (${r.scenario}): median ${r.medianMs} ms wall-clock over ${r.runsMs.length} runs, ` +
        `main-thread CPU ${r.mainThreadCpuMedianMs} ms; target < ${r.budgetMs} ms: ${r.withinBudget ? 'met' : 'MISSED'}`
    );
    const speedup = compactSpeedup(results);
    if (speedup) {
      lines.push(
        `- 50 compact rows vs 50 expanded cards (same run): medians ${speedup.compactMedianMs} ms and ` +
          `${speedup.expandedMedianMs} ms, compact ${speedup.ratio}× faster; target ≥ ${speedup.target}×: ` +
          (speedup.met ? 'met' : 'MISSED')
      );
    }
    return { results: { renders: results, compactSpeedup: speedup }, lines };
  } finally {
    await launched.close();
    await server.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/** Compiled size of each LWC bundle (the platform compiler, as `build:lwc`), against the 30 KB budget. */
async function bundlesSection(): Promise<SectionReport> {
  const transpileErrors = await transpileLwc(LWC_DIR);
  const { errors, sizes } = transpileErrors.length
    ? { errors: transpileErrors, sizes: [] }
    : await compileBundles(LWC_DIR, Number.POSITIVE_INFINITY);
  if (errors.length) {
    throw new Error(`bundle sizes could not be measured:\n${errors.join('\n')}`);
  }
  const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
  const lines = sizes.map(
    (s) =>
      `- ${s.name}: ${kb(s.bytes)} KB; target < ${kb(MAX_BUNDLE_BYTES)} KB: ${s.bytes < MAX_BUNDLE_BYTES ? 'met' : 'MISSED'}`
  );
  return { results: { budgetBytes: MAX_BUNDLE_BYTES, bundles: sizes }, lines };
}

export const SECTIONS: Section[] = [
  { name: 'render', title: 'Call card rendering', run: renderSection },
  { name: 'bundles', title: 'LWC bundle sizes (compiled)', run: bundlesSection },
  { name: 'cli', title: 'modjo-sf start-up and validate throughput', run: cliSection }
];

function machine(): string {
  const load = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  return `${os.cpus().length} CPU(s), load average ${load}, Node ${process.version}`;
}

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((name) => !SECTIONS.some((s) => s.name === name));
  if (unknown.length) {
    console.error(`Unknown section(s): ${unknown.join(', ')}. Sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const selected = argv.length ? SECTIONS.filter((s) => argv.includes(s.name)) : SECTIONS;
  fs.mkdirSync(REPORTS, { recursive: true });
  const summary = [`# Benchmarks (${new Date().toISOString()})`, '', `Machine: ${machine()}`, ''];
  for (const section of selected) {
    console.log(`== ${section.title}`);
    const report = await section.run();
    fs.writeFileSync(
      path.join(REPORTS, `${section.name}.json`),
      JSON.stringify({ measuredAt: new Date().toISOString(), machine: machine(), results: report.results }, null, 2) +
        '\n'
    );
    report.lines.forEach((line) => console.log(line));
    summary.push(`## ${section.title}`, '', ...report.lines, '');
  }
  fs.writeFileSync(path.join(REPORTS, 'summary.md'), summary.join('\n'));
  console.log(`Reports: ${path.relative(REPO_ROOT, REPORTS)}/`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    });
}
