/**
 * `npm run docs:screenshots`: the call-card screenshots of docs/rep-guide.md, taken from the workbench built in
 * English and in French, each at the three widths a rep meets: 400 px (record page side column), 800 px (main column)
 * and 375 px (phone). Writes docs/images/cards/<language>/<scenario>-<width>.png. Not part of `npm test` (the browser
 * tests take their own screenshots into reports/screenshots/); run it after a visible change and commit the images.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { REPO_ROOT, buildWorkbench } from '../workbench/src/build';
import { serveStatic } from '../workbench/src/server';
import { launchChromium } from '../tests/browser/chromium';
import { openWorkbenchPage } from '../tests/browser/page';

const OUT = path.join(REPO_ROOT, 'docs', 'images', 'cards');
const WIDTHS = [400, 800, 375] as const;
const LANGUAGES = ['en', 'fr'] as const;

interface Shot {
  page: string;
  scenario: string;
  /** Clicked before the screenshot (selector inside the stage), e.g. to open a row. */
  click?: string;
}

/** The scenarios the rep guide shows. */
const SHOTS: Shot[] = [
  { page: 'callList', scenario: 'account-page' },
  { page: 'callList', scenario: 'account-page', click: '[data-id="toggle-row"]' },
  { page: 'callCard', scenario: 'fix-match', click: '[data-id="fix-open"]' },
  { page: 'callDetail', scenario: 'meeting-12-participants' }
];

function fileName(shot: Shot, width: number): string {
  const suffix = shot.click ? '-open' : '';
  return `${shot.page}-${shot.scenario}${suffix}-${width}.png`;
}

async function shoot(browser: Browser, baseUrl: string, shot: Shot, width: number, file: string): Promise<void> {
  const { page } = await openWorkbenchPage(browser, baseUrl, `${shot.page}.html?scenario=${shot.scenario}`);
  try {
    await page.setViewportSize({ width: width + 48, height: 900 });
    // The stage takes exactly the column width (the workbench's own narrow/wide widths are overridden).
    await page.addStyleTag({
      content: `#workbench-stage { width: ${width}px !important; max-width: none !important; }`
    });
    const stage = page.locator('#workbench-stage');
    if (shot.click) {
      await stage.locator(shot.click).first().click();
      await page.waitForLoadState('networkidle');
    }
    await stage.screenshot({ path: file });
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const launched = await launchChromium();
  try {
    for (const language of LANGUAGES) {
      const outDir = path.join(REPO_ROOT, 'workbench', `dist-docs-${language}`);
      await buildWorkbench({ mode: 'production', outDir, language });
      const server = await serveStatic(outDir, 0);
      try {
        fs.mkdirSync(path.join(OUT, language), { recursive: true });
        for (const shot of SHOTS) {
          for (const width of WIDTHS) {
            await shoot(launched.browser, server.url, shot, width, path.join(OUT, language, fileName(shot, width)));
          }
        }
      } finally {
        await server.close();
        fs.rmSync(outDir, { recursive: true, force: true });
      }
    }
  } finally {
    await launched.close();
  }
  console.log(`docs:screenshots: ${SHOTS.length * WIDTHS.length * LANGUAGES.length} images in docs/images/cards/`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
