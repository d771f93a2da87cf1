import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { languages, type Language } from '../shared/email/language.js';
import { renderEmail } from '../shared/email/render.js';
import { templateNames, templates, type TemplateName } from '../shared/email/templates/index.js';
import { escapeHtml } from '../shared/email/escape.js';
import { preferencesUrl, unsubscribeUrl } from '../shared/domain/mail/unsubscribe-links.js';

const sampleBaseUrl = 'http://localhost:3000';

/**
 * `npm run email:preview -- [template] [lang]`: renders every template (or
 * one) with its sample data into email-preview/, with an index page to open
 * in a browser.
 */
export function writePreviews(outputDir: string, only?: { template?: string; lang?: string }): string[] {
  const names = templateNames.filter((name) => !only?.template || name === only.template);
  const langs = languages.filter((lang) => !only?.lang || lang === only.lang);
  if (names.length === 0) throw new Error(`Unknown template "${only?.template}". Known: ${templateNames.join(', ')}`);
  if (langs.length === 0) throw new Error(`Unknown language "${only?.lang}". Known: ${languages.join(', ')}`);
  mkdirSync(outputDir, { recursive: true });
  const written: string[] = [];
  const rows: string[] = [];
  for (const name of names) {
    for (const lang of langs) {
      const category = templates[name].category;
      const links =
        category === 'transactional'
          ? {}
          : { unsubscribeUrl: unsubscribeUrl(sampleBaseUrl, 'sample-token', category), preferencesUrl: preferencesUrl(sampleBaseUrl, 'sample-token') };
      const email = renderEmail(name as TemplateName, templates[name].sample as never, lang as Language, links);
      const base = `${name}.${lang}`;
      writeFileSync(join(outputDir, `${base}.html`), email.html);
      writeFileSync(join(outputDir, `${base}.txt`), `Subject: ${email.subject}\n\n${email.text}`);
      written.push(join(outputDir, `${base}.html`), join(outputDir, `${base}.txt`));
      rows.push(`<tr><td>${name}</td><td>${lang}</td><td>${templates[name].category}</td><td><a href="${base}.html">${escapeHtml(email.subject)}</a></td><td><a href="${base}.txt">text</a></td></tr>`);
    }
  }
  writeFileSync(
    join(outputDir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>Email previews</title><table border="1" cellpadding="6"><tr><th>template</th><th>lang</th><th>category</th><th>HTML</th><th>text</th></tr>${rows.join('')}</table>`,
  );
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [template, lang] = process.argv.slice(2);
  const outputDir = join(process.cwd(), 'email-preview');
  const written = writePreviews(outputDir, { template, lang });
  console.log(`Wrote ${written.length} files. Open ${join(outputDir, 'index.html')}`);
}
