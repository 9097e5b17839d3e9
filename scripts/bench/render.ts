/**
 * Render benchmark of the call cards: every workbench scenario with a `perf` block mounts `count` copies of its
 * component `runs` times in headless Chromium (production build) and reports the wall-clock median and the main
 * thread's CPU time. Nothing here fails on a figure: these machines are shared, so a timing is a report, never a gate.
 */
import os from 'node:os';
import type { Browser, CDPSession } from 'playwright-core';
import { openWorkbenchPage, type WorkbenchPage, type WorkbenchScenario } from '../../tests/browser/page';
import { median, round } from './stats';

interface MeasureOptions {
  count: number;
  runs: number;
  props: Array<Record<string, unknown>>;
  warmUp?: boolean;
}

interface RenderMeasure {
  runs: number[];
  median: number;
  count: number;
}

export interface RenderResult {
  component: string;
  scenario: string;
  count: number;
  runsMs: number[];
  medianMs: number;
  budgetMs: number;
  withinBudget: boolean;
  mainThreadCpuMedianMs: number;
  cpuBreakdownMs: { script: number; style: number; layout: number };
  browser: string;
  loadAverage: number[];
  cpus: number;
}

const CPU_METRICS = ['ThreadTime', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'] as const;
type CpuMetric = (typeof CPU_METRICS)[number];
type CpuSample = Record<CpuMetric, number>;

/** Main-thread CPU times of the page so far (thread ticks), in milliseconds. */
async function cpuMetrics(cdp: CDPSession): Promise<CpuSample> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(
    CPU_METRICS.map((name) => [name, (metrics.find((m) => m.name === name)?.value ?? 0) * 1000])
  ) as CpuSample;
}

function measureOptions(scenario: WorkbenchScenario): MeasureOptions {
  const perf = scenario.perf as NonNullable<WorkbenchScenario['perf']>;
  // Each copy gets the scenario's props, overridden by its own entry of `perf.props`.
  return {
    count: perf.count,
    runs: perf.runs,
    props: (perf.props ?? [{}]).map((own) => ({ ...scenario.props, ...own }))
  };
}

/** Measures one scenario: wall-clock runs (one warm-up first), then the same runs with CPU thread ticks. */
async function measureScenario(
  browser: Browser,
  baseUrl: string,
  component: WorkbenchPage,
  scenario: WorkbenchScenario
): Promise<RenderResult> {
  const perf = scenario.perf as NonNullable<WorkbenchScenario['perf']>;
  const { page } = await openWorkbenchPage(
    browser,
    baseUrl,
    `${component.name}.html?scenario=${encodeURIComponent(scenario.id)}`
  );
  try {
    // The props (≈250 KB for 50 calls) go to the page once, so that no run pays for their transfer.
    await page.evaluate((o) => {
      (window as unknown as { benchOptions: MeasureOptions }).benchOptions = o;
    }, measureOptions(scenario));
    const measureIn = (runs: number, warmUp: boolean): Promise<RenderMeasure> =>
      page.evaluate(
        ([r, w]) => {
          const stored = (window as unknown as { benchOptions: MeasureOptions }).benchOptions;
          return window.workbench.measureRender({ ...stored, runs: r, warmUp: w });
        },
        [runs, warmUp] as const
      );
    const wall = await measureIn(perf.runs, true);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const cpuRuns: CpuSample[] = [];
    for (let run = 0; run < perf.runs; run += 1) {
      const before = await cpuMetrics(cdp);
      await measureIn(1, false);
      const after = await cpuMetrics(cdp);
      cpuRuns.push(Object.fromEntries(CPU_METRICS.map((name) => [name, after[name] - before[name]])) as CpuSample);
    }
    const cpuMedian = (name: CpuMetric) => round(median(cpuRuns.map((r) => r[name])));
    return {
      component: component.tag,
      scenario: scenario.id,
      count: perf.count,
      runsMs: wall.runs.map(round),
      medianMs: round(wall.median),
      budgetMs: perf.budgetMs,
      withinBudget: wall.median < perf.budgetMs,
      mainThreadCpuMedianMs: cpuMedian('ThreadTime'),
      cpuBreakdownMs: {
        script: cpuMedian('ScriptDuration'),
        style: cpuMedian('RecalcStyleDuration'),
        layout: cpuMedian('LayoutDuration')
      },
      browser: browser.version(),
      // Wall-clock timing: a busy machine slows it down; the load average tells how busy it was.
      loadAverage: os.loadavg().map((n) => round(n)),
      cpus: os.cpus().length
    };
  } finally {
    await page.close();
  }
}

/** Every scenario that declares a `perf` block, measured one after the other in the same browser. */
export async function measureRenders(
  browser: Browser,
  baseUrl: string,
  pages: WorkbenchPage[]
): Promise<RenderResult[]> {
  const results: RenderResult[] = [];
  for (const component of pages) {
    for (const scenario of component.scenarios.filter((s) => s.perf)) {
      results.push(await measureScenario(browser, baseUrl, component, scenario));
    }
  }
  return results;
}

/** Issue 12, item 9: 50 compact rows render at least this many times faster than the same 50 calls expanded. */
export const COMPACT_SPEEDUP_TARGET = 3;
/** The two scenarios compared (workbench/scenarios/callCard.json): the same 50 calls, compact then expanded. */
export const COMPACT_SCENARIO = 'fifty-cards';
export const EXPANDED_SCENARIO = 'fifty-cards-expanded';

export interface SpeedupResult {
  compactMedianMs: number;
  expandedMedianMs: number;
  /** expanded median ÷ compact median, both from the same browser run. */
  ratio: number;
  target: number;
  met: boolean;
}

/**
 * How much faster the compact list renders than the expanded one, from the medians of one run; null when either
 * scenario was not measured. A report, never a gate.
 */
export function compactSpeedup(results: RenderResult[]): SpeedupResult | null {
  const compact = results.find((r) => r.scenario === COMPACT_SCENARIO);
  const expanded = results.find((r) => r.scenario === EXPANDED_SCENARIO);
  if (!compact || !expanded || compact.medianMs <= 0) {
    return null;
  }
  const ratio = round(expanded.medianMs / compact.medianMs);
  return {
    compactMedianMs: compact.medianMs,
    expandedMedianMs: expanded.medianMs,
    ratio,
    target: COMPACT_SPEEDUP_TARGET,
    met: ratio >= COMPACT_SPEEDUP_TARGET
  };
}
