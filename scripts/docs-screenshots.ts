/**
 * `npm run docs:screenshots`: the screenshots of docs/rep-guide.md (call cards) and docs/crm-filling.md (Modjo
 * suggestions), taken from the workbench built in English and in French, at the widths a rep meets: 400 px (record
 * page side column), 800 px (main column) and 375 px (phone). Writes docs/images/<dir>/<language>/<page>-<scenario>
 * [-<suffix>]-<width>.png (dir: cards or crm). Not part of `npm test` (the browser tests take their own screenshots
 * into reports/screenshots/); run it after a visible change and commit the images.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { REPO_ROOT, buildWorkbench } from '../workbench/src/build';
import { serveStatic } from '../workbench/src/server';
import { launchChromium } from '../tests/browser/chromium';
import { openWorkbenchPage } from '../tests/browser/page';

const OUT = path.join(REPO_ROOT, 'docs', 'images');
const WIDTHS = [400, 800, 375] as const;
const LANGUAGES = ['en', 'fr'] as const;

interface Shot {
  page: string;
  scenario: string;
  /** Clicked before the screenshot (selector inside the stage), e.g. to open a row. */
  click?: string;
  /** Part of the file name after the scenario; `open` when something is clicked, else none. */
  suffix?: string;
  /** Folder under docs/images (default `cards`). */
  dir?: string;
  /** Widths taken (default: all three). */
  widths?: readonly number[];
}

/** The scenarios the rep guide shows. */
const SHOTS: Shot[] = [
  { page: 'callList', scenario: 'account-page' },
  { page: 'callList', scenario: 'account-page', click: '[data-id="toggle-row"]' },
  { page: 'callCard', scenario: 'fix-match', click: '[data-id="fix-open"]' },
  { page: 'callDetail', scenario: 'meeting-12-participants' },
  { page: 'callList', scenario: 'no-permission', widths: [400] },
  // docs/crm-filling.md: the suggestions card waiting, after Accept, after Reject, a refused Accept, no permission.
  { page: 'crmSuggestions', scenario: 'two-suggestions', dir: 'crm', widths: [400, 800] },
  {
    page: 'crmSuggestions',
    scenario: 'two-suggestions',
    click: '[data-id="accept"] >> nth=0',
    suffix: 'accepted',
    dir: 'crm',
    widths: [400]
  },
  {
    page: 'crmSuggestions',
    scenario: 'reject',
    click: '[data-id="reject"] >> nth=1',
    suffix: 'rejected',
    dir: 'crm',
    widths: [400]
  },
  {
    page: 'crmSuggestions',
    scenario: 'accept-refused',
    click: '[data-id="accept"] >> nth=0',
    suffix: 'error',
    dir: 'crm',
    widths: [400]
  },
  { page: 'crmSuggestions', scenario: 'no-permission', dir: 'crm', widths: [400] }
];

function fileName(shot: Shot, width: number): string {
  const suffix = shot.suffix ?? (shot.click ? 'open' : '');
  return `${shot.page}-${shot.scenario}${suffix ? `-${suffix}` : ''}-${width}.png`;
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
      // The Apex answer of the workbench resolves in a later task; the card re-renders after it.
      await page.waitForTimeout(500);
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
        for (const shot of SHOTS) {
          const dir = path.join(OUT, shot.dir ?? 'cards', language);
          fs.mkdirSync(dir, { recursive: true });
          for (const width of shot.widths ?? WIDTHS) {
            await shoot(launched.browser, server.url, shot, width, path.join(dir, fileName(shot, width)));
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
  const count = SHOTS.reduce((sum, shot) => sum + (shot.widths ?? WIDTHS).length, 0) * LANGUAGES.length;
  console.log(`docs:screenshots: ${count} images in docs/images/cards/ and docs/images/crm/`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
