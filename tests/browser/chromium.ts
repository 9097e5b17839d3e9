/**
 * Launches the Debian `chromium` through playwright-core (no browser download: `npx playwright install` cannot work
 * offline). Set CHROMIUM_PATH to use another binary.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    return fromEnv;
  }
  const found = CANDIDATES.find((candidate) => fs.existsSync(candidate));
  if (!found) {
    throw new Error(
      `No Chromium found (looked at ${CANDIDATES.join(', ')}). Install it with "apt-get install -y chromium" or set CHROMIUM_PATH.`
    );
  }
  return found;
}

export interface LaunchedBrowser {
  browser: Browser;
  close: () => Promise<void>;
}

/**
 * Headless Chromium with no background network traffic. Playwright refuses `--user-data-dir` in `args`; its
 * `launch()` already starts every browser on a fresh temporary profile, which it deletes on close.
 */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  });
  return {
    browser,
    close: async () => {
      await browser.close();
    }
  };
}
