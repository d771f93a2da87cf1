import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { page as pageFrame } from '../../shared/pages/page.js';
import { axeViolations, pageStructureProblems, zoomProblems } from '../support/accessibility.js';
import { useChromium } from '../support/browser.js';
import { tabTo } from '../support/keyboard.js';

/**
 * The accessibility suite's own checks, on pages made wrong on purpose: each
 * finds the defect it is for, and a page in the real frame passes. Without
 * this, a check that looked at nothing would pass every page.
 */
const browser = useChromium();

const good = (body: string) => pageFrame({ lang: 'en', title: 'Check', body: `<h1>Check</h1>${body}` });

async function withPage(html: string, check: (page: Page) => Promise<void>) {
  const page = await browser().newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.setContent(html);
    await check(page);
  } finally {
    await page.close();
  }
}

describe('the accessibility checks find what they look for', () => {
  it('a page in the real frame passes every check', async () => {
    await withPage(good('<p>Fine.</p>'), async (page) => {
      expect(await axeViolations(page)).toEqual([]);
      expect(await pageStructureProblems(page, 'en')).toEqual([]);
      expect(await zoomProblems(page)).toEqual([]);
    });
  });

  it('axe-core: text below 4.5:1 contrast and an input without a label', async () => {
    await withPage(good('<p style="color:#999">Pale text</p><input type="text" name="x">'), async (page) => {
      const found = await axeViolations(page);
      expect(found.some((line) => line.startsWith('color-contrast:'))).toBe(true);
      expect(found.some((line) => line.startsWith('label:'))).toBe(true);
    });
  });

  it('structure: wrong lang, two h1, a missing statement link, a personal field without autocomplete, an unannounced error, hover-only content', async () => {
    const html = `<!doctype html><html lang="pl"><head><title>x</title><style>.tip:hover .more{display:block}</style></head><body><header>x</header><main>
<h1>One</h1><h1>Two</h1><label for="e">Email</label><input type="email" id="e" name="email" aria-invalid="true"><span title="Only on hover">?</span></main><footer></footer></body></html>`;
    await withPage(html, async (page) => {
      const found = (await pageStructureProblems(page, 'en')).join('\n');
      expect(found).toContain('html lang is "pl", the page is en');
      expect(found).toContain('2 h1 elements');
      expect(found).toContain('no accessibility statement link in the footer');
      expect(found).toContain('personal field email has no autocomplete');
      expect(found).toContain('nothing announces them');
      expect(found).toContain('focus is not on its error summary');
      expect(found).toContain('content changes on hover');
      expect(found).toContain('text only in a hover tooltip');
    });
  });

  it('zoom: a block wider than the 200 % viewport', async () => {
    await withPage(good('<div style="width:900px">A fixed-width block</div>'), async (page) => {
      expect((await zoomProblems(page)).join('\n')).toContain('page scrolls sideways');
    });
  });

  it('keyboard: focus without a visible outline stops the walk', async () => {
    await withPage(good('<style>#plain:focus{outline:none}</style><button id="plain">Plain</button>'), async (page) => {
      await expect(tabTo(page, '#plain')).rejects.toThrow(/focus is not visible/);
    });
  });
});
