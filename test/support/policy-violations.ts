import type { Page } from 'playwright-core';

/**
 * Collects the page's Content-Security-Policy violations from now on: what
 * Chromium reports on the console ("Refused to apply inline style…") and each
 * `securitypolicyviolation` event the document fires, said on the console by a
 * listener put in before the page's own code runs (init scripts are not bound
 * by the page's CSP). Read it once the page has loaded, before a check injects
 * anything of its own.
 */
export function watchPolicyViolations(page: Page): () => string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /content security policy/i.test(message.text())) violations.push(message.text());
  });
  void page.addInitScript(
    `document.addEventListener('securitypolicyviolation', (event) => console.error('Content Security Policy violation: ' + event.effectiveDirective + ' blocked ' + (event.blockedURI || 'inline') + ' ' + (event.sample || '')));`,
  );
  return () => [...violations];
}
