import axe from 'axe-core';
import type { Page } from 'playwright-core';
import type { Language } from '../../shared/email/language.js';
import type { InPageWindow } from './in-page-dom.js';

/** WCAG 2.0 and 2.1, levels A and AA: what Polish law (implementing Directive 2016/2102) asks of the members' own sites. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe rules switched off for every page and email, each with the reason.
 * None is needed today; a rule added here must say why it does not apply.
 */
export const disabledRules: ReadonlyArray<{ id: string; reason: string }> = [];

/**
 * axe-core's WCAG A/AA violations on the page as it is now, one readable line
 * per failing element. axe is put into the page directly (evaluate is not
 * bound by the page's CSP) and asked for violations only: several times
 * faster than @axe-core/playwright's runner, which opens a page of its own.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axe.source);
  const violations = await page.evaluate(
    ({ tags, disabled }) =>
      (globalThis as unknown as { axe: typeof axe }).axe
        .run({ runOnly: { type: 'tag', values: tags }, rules: Object.fromEntries(disabled.map((id) => [id, { enabled: false }])), resultTypes: ['violations'] })
        .then((results) => results.violations.map(({ id, help, nodes }) => ({ id, help, nodes: nodes.map(({ target, failureSummary }) => ({ target: target.join(' '), failureSummary })) }))),
    { tags: wcagTags, disabled: disabledRules.map((rule) => rule.id) },
  );
  return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${violation.help} at ${node.target} — ${node.failureSummary ?? ''}`));
}

/** Fields that hold the person's own data (WCAG 1.3.5): each must say what it holds to browsers and assistive technology. */
const personalField = 'input[type=email], input[type=tel], input[name$="name"]:not([type=hidden]), input[name*="postalCode"], input[name*="street"], input[name*="city"], input[name*="phone"]';

/**
 * What axe does not check but issue 14 asks of every page: the language, one
 * h1, header/main/footer landmarks with the statement link, autocomplete on
 * personal fields, errors announced, nothing shown only on hover.
 */
export async function pageStructureProblems(page: Page, lang: Language): Promise<string[]> {
  return page.evaluate(
    ({ lang, personalField }) => {
      const problems: string[] = [];
      const doc = (globalThis as unknown as InPageWindow).document;
      if (doc.documentElement.lang !== lang) problems.push(`html lang is "${doc.documentElement.lang}", the page is ${lang}`);
      const h1s = doc.querySelectorAll('h1');
      if (h1s.length !== 1) problems.push(`${h1s.length} h1 elements`);
      for (const landmark of ['header', 'main', 'footer']) {
        const count = doc.querySelectorAll(`body > ${landmark}`).length;
        if (count !== 1) problems.push(`${count} top-level <${landmark}> landmarks`);
      }
      const statement = doc.querySelector(`footer a[href="/accessibility?lang=${lang}"]`);
      if (!statement?.textContent?.trim()) problems.push('no accessibility statement link in the footer');
      for (const field of doc.querySelectorAll(personalField)) {
        if (!field.closest('[aria-hidden=true]') && !field.getAttribute('autocomplete')) problems.push(`personal field ${field.name} has no autocomplete`);
      }
      const invalid = doc.querySelectorAll('[aria-invalid=true]');
      if (invalid.length > 0) {
        const announced = doc.querySelector('[role=alert], [aria-live=assertive], [aria-live=polite]');
        if (!announced?.textContent?.trim()) problems.push('errors shown but nothing announces them (role=alert or aria-live)');
        // Focus on the summary too: an alert already in a page that loads is not read out by every screen reader.
        if (!doc.activeElement?.matches('[role=alert]')) problems.push('after a refused form the focus is not on its error summary');
        for (const field of invalid) {
          const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
          if (!ids.some((id) => doc.getElementById(id)?.textContent?.trim())) problems.push(`invalid field ${field.id} is not described by its error`);
        }
      }
      // Hover must not be the only way to content: no rule shows, hides or moves anything on :hover, and no tooltip-only text.
      const layoutProperties = ['display', 'visibility', 'opacity', 'content', 'height', 'max-height', 'width', 'overflow', 'position', 'left', 'top', 'transform', 'clip', 'clip-path'];
      for (const sheet of doc.styleSheets) {
        for (const rule of sheet.cssRules) {
          if (rule.selectorText?.includes(':hover') && layoutProperties.some((property) => rule.style?.getPropertyValue(property))) {
            problems.push(`content changes on hover: ${rule.selectorText}`);
          }
        }
      }
      for (const element of doc.body.querySelectorAll('[title]')) problems.push(`text only in a hover tooltip: ${element.tagName.toLowerCase()}[title="${element.getAttribute('title')}"]`);
      return problems;
    },
    { lang, personalField },
  );
}

/**
 * Zoom to 200 % (WCAG 1.4.4, 1.4.10): the layout viewport of a 1280 px window
 * at 200 % is 640 CSS px. Nothing may need horizontal scrolling or stick out
 * of the viewport there. The page keeps the smaller viewport afterwards.
 */
export async function zoomProblems(page: Page): Promise<string[]> {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: size.width / 2, height: size.height / 2 });
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = (globalThis as unknown as InPageWindow).document;
    const width = doc.documentElement.clientWidth;
    if (doc.documentElement.scrollWidth > width) problems.push(`page scrolls sideways: ${doc.documentElement.scrollWidth} px content in ${width} px`);
    for (const element of doc.body.querySelectorAll('h1, h2, p, li, dt, dd, label, legend, a, button, input, select, textarea, strong, span')) {
      if (element.closest('[aria-hidden=true]') || element.closest('[hidden]')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.left < -1 || box.right > width + 1) problems.push(`${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}" sticks out (${Math.round(box.left)}–${Math.round(box.right)} of ${width} px)`);
    }
    return problems;
  });
}
