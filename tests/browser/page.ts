/**
 * Opening a workbench page in Chromium, shared by the browser tests and the render benchmark (`npm run bench`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

export interface OpenedPage {
  page: Page;
  consoleErrors: string[];
}

/** Opens a workbench page and waits until the component rendered, Apex answered and lazy chunks (icons) loaded. */
export async function openWorkbenchPage(browser: Browser, baseUrl: string, url: string): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(baseUrl + url);
  await page.waitForSelector('body[data-workbench-ready="true"]', { state: 'attached' });
  await page.waitForLoadState('networkidle');
  return { page, consoleErrors };
}

/** A scenario of a workbench page, as the build writes it to `data/<component>.json`. */
export interface WorkbenchScenario {
  id: string;
  title: string;
  props?: Record<string, unknown>;
  expect?: unknown;
  /** Render measure of `npm run bench`: `count` copies mounted `runs` times; `budgetMs` is the target it reports. */
  perf?: { count: number; runs: number; budgetMs: number; props?: Array<Record<string, unknown>> };
}

export interface WorkbenchPage {
  name: string;
  tag: string;
  scenarios: WorkbenchScenario[];
}

/** Every component page of a built workbench (`<dist>/data/index.json` and one file per page). */
export function readWorkbenchPages(dist: string): WorkbenchPage[] {
  const indexFile = path.join(dist, 'data', 'index.json');
  if (!fs.existsSync(indexFile)) {
    return [];
  }
  const index = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as Array<{ name: string }>;
  return index.map(
    (entry) => JSON.parse(fs.readFileSync(path.join(dist, 'data', `${entry.name}.json`), 'utf8')) as WorkbenchPage
  );
}
