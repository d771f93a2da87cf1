import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePreviews } from '../../scripts/email-preview.js';
import { languages } from '../../shared/email/language.js';
import { templateNames } from '../../shared/email/templates/index.js';
import { axeViolations } from '../support/accessibility.js';
import { useChromium } from '../support/browser.js';
import type { InPageWindow } from '../support/in-page-dom.js';

/**
 * Issue 14, item 3: every email template's preview (`npm run email:preview`),
 * in both languages, opened in Chromium: no axe-core WCAG A/AA violation; the
 * language and a title (its subject); links as buttons, each with text; no
 * link told from its text by colour alone; and the text part saying every
 * word and link the HTML says. New templates are picked up from the index.
 */
const previews = mkdtempSync(join(tmpdir(), 'email-a11y-'));
const browser = useChromium();
let context: BrowserContext;

beforeAll(async () => {
  writePreviews(previews);
  context = await browser().newContext();
});

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('every email template meets WCAG 2.1 AA in both languages', () => {
  it.each(templateNames.flatMap((name) => languages.map((lang) => [`${name} (${lang})`, name, lang] as const)))('%s', async (_label, name, lang) => {
    const [subjectLine, ...textLines] = readFileSync(join(previews, `${name}.${lang}.txt`), 'utf8').split('\n');
    const subject = subjectLine!.replace(/^Subject: /, '');
    const textPart = normalise(textLines.join('\n'));
    const page = await context.newPage();
    try {
      await page.goto(pathToFileURL(join(previews, `${name}.${lang}.html`)).href);
      expect(await axeViolations(page)).toEqual([]);

      const html = await page.evaluate(() => {
        const window = globalThis as unknown as InPageWindow;
        const doc = window.document;
        const texts: string[] = [];
        for (const element of doc.body.querySelectorAll('*')) {
          for (const node of element.childNodes) if (node.nodeType === 3 && /[\p{L}\p{N}]/u.test(node.textContent ?? '')) texts.push(node.textContent ?? '');
        }
        const links = [...doc.body.querySelectorAll('a')].map((link) => {
          const style = window.getComputedStyle(link);
          return {
            text: (link.textContent ?? '').trim(),
            href: link.getAttribute('href') ?? '',
            underlined: style.textDecorationLine.includes('underline'),
            button: style.backgroundColor !== 'rgba(0, 0, 0, 0)',
          };
        });
        return { lang: doc.documentElement.lang, title: doc.title, texts, links, controls: doc.querySelectorAll('button, form, input').length };
      });

      expect(html.lang).toBe(lang);
      expect(html.title).toBe(subject);
      expect(subject.length).toBeGreaterThan(5);
      expect(html.controls, 'buttons in an email are links').toBe(0);
      for (const link of html.links) {
        expect(link.text, `link to ${link.href}`).not.toBe('');
        expect(link.underlined || link.button, `"${link.text}" is told from the text around it by colour alone`).toBe(true);
        expect(textPart, `the text part has the link "${link.text}"`).toContain(link.href);
      }
      for (const text of html.texts) expect(textPart, 'the text part says what the HTML says').toContain(normalise(text));
    } finally {
      await page.close();
    }
  });
});
