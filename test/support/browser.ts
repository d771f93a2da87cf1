import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Debian's Chromium, headless, with the flags this closed network needs; nothing is downloaded. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** One Chromium for a test file: launched before its tests, closed after them. Returns the browser, to be read inside a hook or test. */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  return () => browser!;
}

const screenshots = join(import.meta.dirname, '../e2e/screenshots');

/** Where an end-to-end test keeps a screenshot to look at (test/e2e/screenshots, ignored by git). */
export function screenshotPath(name: string): string {
  mkdirSync(screenshots, { recursive: true });
  return join(screenshots, name);
}
