import type { BrowserContext } from 'playwright-core';
import { beforeAll, describe, it } from 'vitest';
import { languages } from '../../shared/email/language.js';
import { axeViolations, pageStructureProblems, zoomProblems } from '../support/accessibility.js';
import { screenshotPath, useChromium } from '../support/browser.js';
import { useLocalApi } from '../support/local-api.js';
import { watchPolicyViolations } from '../support/policy-violations.js';
import { openPage, publicPageFixtures } from '../support/public-pages.js';
import { useMailer } from '../support/stream-poller.js';
import { pageStates } from './page-states.js';

/**
 * Issue 14: every public page, in every state and language, in Chromium:
 * axe-core finds no WCAG 2.0/2.1 A or AA violation, the page has its
 * language, one h1, its landmarks and the statement link, names personal
 * fields for autocomplete, announces its errors, reflows at 200 % zoom and
 * hides nothing behind hover. The states are listed in ./page-states.ts.
 */
const api = useLocalApi();
useMailer();
const fixtures = publicPageFixtures(api.call);
const browser = useChromium();
let context: BrowserContext;

beforeAll(async () => {
  context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
});

const cases = pageStates.flatMap((state) => (state.langs ?? languages).map((lang) => [`${state.name} (${lang})`, state, lang] as const));

describe('every public page state meets WCAG 2.1 AA', () => {
  // Concurrent: most of a state's time is waiting for its data (emails, stream); one browser, a page per state.
  it.concurrent.for(cases)('%s', async ([, state, lang], { expect }) => {
    const request = await state.request(fixtures, lang);
    const page = await context.newPage();
    const policyViolations = watchPolicyViolations(page);
    try {
      expect(await openPage(page, api.baseUrl(), request), `${state.name}: ${request.path}`).toBe(state.status);
      // Read before axe, whose checks change the page in ways the policy may refuse.
      expect(policyViolations()).toEqual([]);
      await page.screenshot({ path: screenshotPath(`${state.name}.${lang}.png`), fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
      expect(await pageStructureProblems(page, lang)).toEqual([]);
      expect(await zoomProblems(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
