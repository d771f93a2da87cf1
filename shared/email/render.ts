import { headerText } from './header.js';
import { renderHtml, renderText, type Footer } from './layout.js';
import type { Language } from './language.js';
import type { EmailTemplate } from './template.js';
import { templates, type TemplateData, type TemplateName } from './templates/index.js';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function renderEmail<N extends TemplateName>(
  name: N,
  data: TemplateData<N>,
  lang: Language,
  links: Omit<Footer, 'lang'> = {},
): RenderedEmail {
  // The map's union of template types cannot be narrowed by N; the signature above keeps callers exact.
  const template = templates[name] as unknown as EmailTemplate<TemplateData<N>>;
  const rendered = template.render(data, lang);
  // The subject becomes a mail header: one line, whatever the data held.
  const content = { ...rendered, subject: headerText(rendered.subject) };
  const footer = { lang, ...links };
  return { subject: content.subject, html: renderHtml(content, footer), text: renderText(content, footer) };
}
