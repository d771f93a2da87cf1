/**
 * The little of the browser's DOM that code run inside a page (Playwright's
 * `page.evaluate`) uses here. The project compiles without the DOM library,
 * so its Node code cannot reach `document` by mistake; a function that runs in
 * the page reads `(globalThis as unknown as InPageWindow).document` (a cast
 * only: the function's source is sent to the page, so it cannot call helpers).
 */
export interface InPageElement {
  readonly id: string;
  readonly tagName: string;
  readonly textContent: string | null;
  readonly name?: string;
  readonly childNodes: Iterable<{ readonly nodeType: number; readonly textContent: string | null }>;
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
  closest(selector: string): InPageElement | null;
  querySelector(selector: string): InPageElement | null;
  querySelectorAll(selector: string): Iterable<InPageElement> & { readonly length: number };
  getBoundingClientRect(): { left: number; right: number; width: number; height: number };
}

export interface InPageStyleRule {
  readonly selectorText?: string;
  readonly style?: { getPropertyValue(property: string): string };
}

export interface InPageDocument {
  readonly documentElement: InPageElement & { lang: string; scrollWidth: number; clientWidth: number };
  readonly body: InPageElement;
  readonly activeElement: InPageElement | null;
  readonly title: string;
  readonly styleSheets: Iterable<{ readonly cssRules: Iterable<InPageStyleRule> }>;
  querySelector(selector: string): InPageElement | null;
  querySelectorAll(selector: string): Iterable<InPageElement> & { readonly length: number };
  getElementById(id: string): InPageElement | null;
}

export interface InPageWindow {
  readonly document: InPageDocument;
  getComputedStyle(element: InPageElement): { outlineStyle: string; outlineWidth: string; boxShadow: string; textDecorationLine: string; backgroundColor: string };
}
