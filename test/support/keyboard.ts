import type { Page } from 'playwright-core';
import type { InPageWindow } from './in-page-dom.js';

/** Where the keyboard focus is, and whether a sighted keyboard user can see it (WCAG 2.4.7). */
export async function focusedElement(page: Page): Promise<{ description: string; visible: boolean; matches: (selector: string) => Promise<boolean> }> {
  const { description, visible } = await page.evaluate(() => {
    const window = globalThis as unknown as InPageWindow;
    const element = window.document.activeElement;
    if (!element || element === window.document.body) return { description: 'nothing (the page body)', visible: false };
    const style = window.getComputedStyle(element);
    const outlined = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    const label = element.getAttribute('name') ?? element.id ?? '';
    return { description: `${element.tagName.toLowerCase()}${label ? ` ${label}` : ''} "${(element.textContent ?? '').trim().slice(0, 30)}"`, visible: outlined || style.boxShadow !== 'none' };
  });
  return { description, visible, matches: (selector) => page.evaluate((wanted) => (globalThis as unknown as InPageWindow).document.activeElement?.matches(wanted) ?? false, selector) };
}

/**
 * Presses Tab (Shift+Tab with `backwards`) until the element matching
 * `selector` has the focus, as a keyboard-only user moves through a page.
 * Every element passed on the way must show its focus; fails after
 * `maxPresses` without reaching it.
 */
export async function tabTo(page: Page, selector: string, options: { backwards?: boolean; maxPresses?: number } = {}): Promise<void> {
  const maxPresses = options.maxPresses ?? 60;
  for (let press = 0; press < maxPresses; press += 1) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const focused = await focusedElement(page);
    if (!focused.visible) throw new Error(`focus is not visible on ${focused.description}`);
    if (await focused.matches(selector)) return;
  }
  throw new Error(`${selector} not reached in ${maxPresses} presses of ${options.backwards ? 'Shift+Tab' : 'Tab'}`);
}
