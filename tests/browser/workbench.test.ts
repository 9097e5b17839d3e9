/**
 * Browser tests of the workbench: every component page and every scenario is opened in headless Chromium, checked
 * for what a person sees (texts, counts, the result of clicks declared in the scenario's `expect`), screenshotted
 * into reports/screenshots/. Scenarios with a `perf` block are mounted here and timed only by `npm run bench`.
 * Run through `npm run test:browser` (tests/browser/run.ts), which builds and serves the workbench first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { openWorkbenchPage, readWorkbenchPages, type OpenedPage } from './page';

/** Longest wait for a page to reach the state an action expects (see settled). */
const SETTLE_LIMIT_MS = 5000;

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
  /** Keyboard instead of a click: focus the element, then press this key ("Enter", " ", "Escape", "ArrowDown"…). */
  key?: string;
  /** Keyboard instead of a click: focus the field, then type this text key by key. */
  type?: string;
  /**
   * Keyboard instead of a click: from where the focus is, press Tab until the focus is on the element, at most this
   * many times (fails beyond: too many Tab presses to get there); then press `key` when given.
   */
  tabs?: number;
  /** After the action, the focus is on (or inside) the element this selector matches (light or shadow DOM). */
  focused?: string;
  /** After the action, the last toast's title is this text. */
  toast?: string;
}

interface Expectation extends Check {
  actions?: Action[];
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

const pages = (BASE_URL ? readWorkbenchPages(DIST) : []) as ComponentPage[];
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

function open(url: string): Promise<OpenedPage> {
  return openWorkbenchPage(browser, BASE_URL, url);
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

/** Does what an action says: a click, a fill, or keys pressed as a keyboard-only user would. */
async function act(page: Page, target: Locator, action: Action, where: string): Promise<void> {
  if (action.fill) {
    await target.fill(action.value ?? '');
  } else if (action.tabs !== undefined) {
    await tabTo(page, action.click, action.tabs, where);
    if (action.key) {
      await page.keyboard.press(action.key);
    }
  } else if (action.type !== undefined) {
    await target.focus();
    await page.keyboard.type(action.type);
  } else if (action.key) {
    await target.focus();
    await page.keyboard.press(action.key);
  } else {
    await target.click();
  }
}

/** Whether the focused element (followed into shadow roots) is, or is inside, an element matching the selector. */
async function focusIsOn(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((wanted) => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) {
      active = active.shadowRoot.activeElement;
    }
    for (let node: Element | null = active; node;) {
      if (node.matches(wanted)) {
        return true;
      }
      node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
    }
    return false;
  }, selector);
}

async function checkToast(page: Page, title: string, where: string): Promise<void> {
  const toasts = await page.evaluate(() => window.workbench.log().filter((entry) => entry.kind === 'toast'));
  const last = toasts[toasts.length - 1]?.detail as { title?: string } | undefined;
  if (last?.title !== title) {
    throw new Error(`${where}: expected a toast "${title}", got ${JSON.stringify(last ?? null)}`);
  }
}

async function checkFocus(page: Page, selector: string, where: string): Promise<void> {
  if (!(await focusIsOn(page, selector))) {
    throw new Error(`${where}: expected the focus on ${selector}`);
  }
}

/** Presses Tab until the focus reaches the element, at most `limit` times. */
async function tabTo(page: Page, selector: string, limit: number, where: string): Promise<void> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if (await focusIsOn(page, selector)) {
      return;
    }
  }
  throw new Error(`${where}: ${selector} not reached in ${limit} Tab presses`);
}

/**
 * Runs a check until it passes or the page has had SETTLE_LIMIT_MS to get there (a debounced search, a server answer):
 * a wait for a state, as Playwright's own assertions do, never an assertion on how long it took.
 */
async function settled(run: () => Promise<void>): Promise<void> {
  const until = Date.now() + SETTLE_LIMIT_MS;
  for (;;) {
    try {
      await run();
      return;
    } catch (error) {
      if (Date.now() > until) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
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
        const where = `${scenario.id} after action ${index + 1} on ${action.click}`;
        await act(page, target, action, where);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
        await page.waitForLoadState('networkidle');
        await settled(() => check(stage, action, where));
        if (action.toast) {
          const title = action.toast;
          await settled(() => checkToast(page, title, where));
        }
        if (action.focused) {
          const selector = action.focused;
          await settled(() => checkFocus(page, selector, where));
        }
        if (action.navigation) {
          await checkNavigation(page, action.navigation, where);
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

const a11yResults: Array<Record<string, unknown>> = [];

afterAll(() => {
  if (a11yResults.length) {
    fs.mkdirSync(path.dirname(A11Y_FILE), { recursive: true });
    fs.writeFileSync(A11Y_FILE, JSON.stringify({ tags: WCAG_TAGS, results: a11yResults }, null, 2) + '\n');
  }
});

describe('scenarios measured by npm run bench (mounted here, never timed: timings are not a gate)', () => {
  test('at least one scenario declares a render measure', () => {
    expect(perfCases.length).toBeGreaterThan(0);
  });

  test.each(perfCases.map((c) => [`${c.page.tag} × ${c.scenario.perf?.count}`, c] as const))(
    '%s mounts every copy without an error',
    async (_name, { page: component, scenario }) => {
      const perf = scenario.perf as PerfSpec;
      const { page, consoleErrors } = await open(`${component.name}.html?scenario=${encodeURIComponent(scenario.id)}`);
      try {
        const props = (perf.props ?? [{}]).map((own) => ({ ...scenario.props, ...own }));
        // The benchmark's own mount loop, once: what `npm run bench` times must work, whatever it measures.
        const mounted = await page.evaluate(
          (o) => {
            const measure = window.workbench.measureRender({ ...o, runs: 1, warmUp: false });
            return { runs: measure.runs.length, count: measure.count, errors: window.workbench.errors };
          },
          { count: perf.count, runs: 1, props }
        );
        expect(mounted).toEqual({ runs: 1, count: perf.count, errors: [] });
        expect(consoleErrors).toEqual([]);
      } finally {
        await page.close();
      }
    }
  );
});
