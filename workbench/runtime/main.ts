/**
 * Page runtime of the workbench. Synthetic shadow is imported first so that the global SLDS stylesheet reaches
 * inside `c-*` templates, as in Lightning Experience. Each page is either the index (every component and its
 * scenarios) or one component: the scenario named in `?scenario=` (default: the first) is mounted with its props,
 * its Apex answers and its records, and `window.workbench` exposes what the browser tests need.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import components from 'workbench:components';
import { apexCalls, setApexAnswers, setCallsServer, whenApexIdle } from './apex';
import { CallsServer } from '../mocks/callsServer';
import { runRefreshHandlers } from '../mocks/refresh';
import { logEntries, onLog, record, type LogEntry } from './log';
import { currentScenario, pageData, type ComponentPage, type Scenario } from './scenario';

export type { ComponentPage, Scenario };

export interface MeasureOptions {
  count: number;
  runs: number;
  props: Array<Record<string, unknown>>;
  /** Run once more first without counting it (default true). */
  warmUp?: boolean;
}

export interface RenderMeasure {
  runs: number[];
  median: number;
  count: number;
}

interface WorkbenchApi {
  page: string;
  scenario?: Scenario;
  ready: Promise<void>;
  errors: string[];
  apexCalls: typeof apexCalls;
  log: () => LogEntry[];
  measureRender: (options: MeasureOptions) => RenderMeasure;
  /** The scenario's stand-in for CallCardsController (scenario `server`), e.g. to add a call that just landed. */
  server?: CallsServer;
  /** Fires a `lightning/refresh` RefreshEvent: every registered refresh handler runs; resolves when they are done. */
  refresh: () => Promise<boolean[]>;
}

type ComponentConstructor = Parameters<typeof createElement>[1]['is'];
const registry = components as Record<string, ComponentConstructor>;

declare global {
  interface Window {
    workbench: WorkbenchApi;
    workbenchRecordId?: string;
    workbenchRecords?: Record<string, unknown>;
    workbenchServer?: CallsServer;
  }
}

const errors: string[] = [];

function html(tag: string, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

function showError(message: string): void {
  errors.push(message);
  const banner = document.getElementById('workbench-errors');
  if (banner) {
    banner.hidden = false;
    banner.append(html('p', {}, message));
  }
}

window.addEventListener('error', (event) => showError(`Error: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => {
  const reason = event.reason as { message?: string; body?: { message?: string } } | undefined;
  showError(`Unhandled rejection: ${reason?.body?.message ?? reason?.message ?? String(event.reason)}`);
});

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

function mount(tag: string, props: Record<string, unknown> | undefined, parent: HTMLElement): HTMLElement {
  const name = tag.replace(/^c-/, '').replace(/-([a-z])/g, (_m, ch: string) => ch.toUpperCase());
  const ctor = registry[name];
  if (!ctor) {
    throw new Error(`No component ${tag} in this build.`);
  }
  const element = createElement(tag, { is: ctor });
  Object.assign(element, props ?? {});
  parent.appendChild(element);
  return element;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function renderIndex(main: HTMLElement, pages: ComponentPage[]): void {
  const grid = html('div', { class: 'slds-grid slds-wrap slds-gutters' });
  for (const page of pages) {
    const list = html('ul', { class: 'slds-list_dotted' });
    for (const scenario of page.scenarios) {
      list.append(
        html(
          'li',
          {},
          html('a', { href: `${page.name}.html?scenario=${encodeURIComponent(scenario.id)}` }, scenario.title)
        )
      );
    }
    const card = html(
      'article',
      { class: 'slds-card', 'data-component': page.name },
      html(
        'div',
        { class: 'slds-card__header' },
        html('h3', { class: 'slds-card__header-title' }, html('a', { href: `${page.name}.html` }, `<${page.tag}>`))
      ),
      html(
        'div',
        { class: 'slds-card__body slds-card__body_inner' },
        page.scenarios.length ? list : 'No fixtures yet: the page mounts the component without data.'
      )
    );
    grid.append(html('div', { class: 'slds-col slds-size_1-of-1 slds-medium-size_1-of-3 slds-m-bottom_medium' }, card));
  }
  main.append(grid);
}

function renderLog(panel: HTMLElement, entry: LogEntry): void {
  panel.hidden = false;
  const text = entry.kind === 'toast' ? 'Toast' : entry.kind === 'navigate' ? 'Navigate' : 'Event';
  panel.append(html('li', { class: 'slds-item' }, html('strong', {}, `${text}: `), JSON.stringify(entry.detail)));
}

function renderComponent(main: HTMLElement, page: ComponentPage, scenario: Scenario): void {
  const scenarios = page.scenarios.length ? page.scenarios : [scenario];
  const nav = html('ul', { class: 'slds-list_vertical slds-has-dividers_top-space' });
  for (const s of scenarios) {
    const link = html('a', { href: `?scenario=${encodeURIComponent(s.id)}`, 'data-scenario': s.id }, s.title);
    if (s.id === scenario.id) {
      link.setAttribute('aria-current', 'page');
      link.classList.add('workbench-current');
    }
    nav.append(html('li', { class: 'slds-item' }, link));
  }
  const stage = html('div', { id: 'workbench-stage', class: `workbench-stage workbench-${scenario.width ?? 'wide'}` });
  const logPanel = html('ul', { id: 'workbench-log', class: 'slds-has-dividers_bottom-space workbench-log' });
  logPanel.hidden = true;
  main.append(
    html(
      'div',
      { class: 'slds-grid slds-gutters' },
      html(
        'nav',
        { class: 'slds-col slds-size_1-of-5 workbench-nav', 'aria-label': 'Scenarios' },
        html('h2', { class: 'slds-text-title_caps slds-m-bottom_small' }, 'Scenarios'),
        nav
      ),
      html(
        'section',
        { class: 'slds-col', 'aria-label': scenario.title },
        html('h2', { class: 'slds-text-heading_small', id: 'workbench-scenario-title' }, scenario.title),
        html(
          'p',
          { class: 'slds-text-body_small slds-text-color_weak slds-m-bottom_small' },
          scenario.description ?? ''
        ),
        stage,
        logPanel
      )
    )
  );
  onLog((entry) => renderLog(logPanel, entry));
  document.addEventListener('lightning__showtoast', (event) => record('toast', (event as CustomEvent).detail));

  setApexAnswers(scenario.apex);
  if (scenario.server) {
    api.server = new CallsServer(scenario.server.calls, scenario.server.records, {
      summaryScanLimit: scenario.server.summaryScanLimit
    });
    window.workbenchServer = api.server;
  }
  setCallsServer(api.server);
  window.workbenchRecords = scenario.records;
  window.workbenchRecordId = (scenario.props?.recordId as string | undefined) ?? undefined;
  let parent = stage;
  if (scenario.frame === 'card') {
    parent = html('div', { class: 'slds-card__body slds-card__body_inner' });
    stage.append(html('article', { class: 'slds-card slds-p-vertical_small' }, parent));
  }
  mount(page.tag, scenario.props, parent);
}

async function start(): Promise<void> {
  const main = document.getElementById('workbench-main');
  if (!main) {
    throw new Error('The page has no #workbench-main element.');
  }
  const data = pageData();
  if (data.kind === 'index') {
    renderIndex(main, data.pages);
    return;
  }
  const scenario = currentScenario() as Scenario;
  api.scenario = scenario;
  renderComponent(main, data.page, scenario);
}

/**
 * Mounts `count` copies of the page's component (props cycled) into a fresh container, forces style and layout,
 * and times it with performance.now(); repeats `runs` times and returns every run and the median.
 */
function measureRender(options: MeasureOptions): RenderMeasure {
  const data = pageData();
  if (data.kind !== 'component') {
    throw new Error('measureRender needs a component page.');
  }
  const tag = data.page.tag;
  const stage = document.getElementById('workbench-stage') ?? document.body;
  const runs: number[] = [];
  // One warm-up run (code and styles compiled, icon chunks cached) is not counted.
  for (let run = options.warmUp === false ? 0 : -1; run < options.runs; run += 1) {
    const container = html('div', { class: 'workbench-perf' });
    stage.appendChild(container);
    const started = performance.now();
    for (let i = 0; i < options.count; i += 1) {
      mount(tag, options.props[i % options.props.length], container);
    }
    container.getBoundingClientRect(); // includes style and layout, not only script
    const elapsed = performance.now() - started;
    if (run >= 0) {
      runs.push(elapsed);
    }
    container.remove();
  }
  return { runs, median: median(runs), count: options.count };
}

const api: WorkbenchApi = {
  page: document.body.dataset.page ?? 'index',
  ready: Promise.resolve(),
  errors,
  apexCalls,
  log: logEntries,
  measureRender,
  refresh: runRefreshHandlers
};
window.workbench = api;
api.ready = start()
  .then(async () => {
    await whenApexIdle();
    await nextFrame();
    await nextFrame();
  })
  .catch((error: unknown) => showError(error instanceof Error ? error.message : String(error)))
  .finally(() => {
    document.body.dataset.workbenchReady = 'true';
  });
