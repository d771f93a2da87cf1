import type { Block, EmailContent } from './blocks.js';
import { escapeHtml, safeUrl } from './escape.js';
import type { Language } from './language.js';

export interface Footer {
  lang: Language;
  /** Member communications only: the one-click unsubscribe link of their category. */
  unsubscribeUrl?: string;
  preferencesUrl?: string;
}

const footerCopy = {
  pl: {
    signature: 'Biuro Klastra Edukacyjnego GLOKAL',
    why: 'Otrzymujesz tę wiadomość jako osoba kontaktowa członka Klastra.',
    unsubscribe: 'Wypisz się z tego rodzaju wiadomości',
    preferences: 'Ustawienia powiadomień',
  },
  en: {
    signature: 'GLOKAL Education Cluster office',
    why: 'You receive this message as a contact person of a Cluster member.',
    unsubscribe: 'Unsubscribe from this kind of message',
    preferences: 'Notification settings',
  },
} as const;

/** The cluster's own name, the first line of every email (a proper name: the same in both languages). */
const senderName = 'Klaster Edukacyjny GLOKAL';

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="margin:0 0 16px">${escapeHtml(block.text)}</p>`;
    case 'button':
      return `<p style="margin:24px 0"><a href="${escapeHtml(safeUrl(block.url))}" style="background:#0b5394;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(block.label)}</a></p>`;
    case 'details':
      return `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${block.rows
        .map(([label, value]) => `<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;color:#555;font-weight:600;vertical-align:top">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`)
        .join('')}</table>`;
    case 'list':
      return `<ul style="margin:0 0 16px;padding-left:20px">${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'section':
      return `<h2 style="font-size:17px;margin:24px 0 8px">${escapeHtml(block.title)}</h2>${block.blocks.map(blockHtml).join('')}`;
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'button':
      return `${block.label}: ${block.url}`;
    case 'details':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'section':
      return `${block.title}\n${'-'.repeat(block.title.length)}\n${block.blocks.map(blockText).join('\n\n')}`;
  }
}

export function renderHtml(content: EmailContent, footer: Footer): string {
  const copy = footerCopy[footer.lang];
  const links = [
    footer.unsubscribeUrl && `<a href="${escapeHtml(safeUrl(footer.unsubscribeUrl))}" style="color:#555">${copy.unsubscribe}</a>`,
    footer.preferencesUrl && `<a href="${escapeHtml(safeUrl(footer.preferencesUrl))}" style="color:#555">${copy.preferences}</a>`,
  ].filter(Boolean);
  return `<!doctype html>
<html lang="${footer.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;color:#1d1d1d;line-height:1.5">
<div style="max-width:600px;margin:0 auto;padding:24px">
<div style="background:#fff;border-radius:8px;padding:32px">
<p style="margin:0 0 24px;font-weight:700;color:#0b5394">${senderName}</p>
<p style="margin:0 0 16px">${escapeHtml(content.greeting)}</p>
${content.blocks.map(blockHtml).join('\n')}
<p style="margin:24px 0 0">${copy.signature}</p>
</div>
${links.length > 0 ? `<p style="font-size:12px;color:#555;margin:16px 0 0">${copy.why}<br>${links.join(' · ')}</p>` : ''}
</div></body></html>`;
}

export function renderText(content: EmailContent, footer: Footer): string {
  const copy = footerCopy[footer.lang];
  // The HTML opens with the sender's name; the text part says everything the HTML says (WCAG: no reader misses a line).
  const parts = [senderName, content.greeting, ...content.blocks.map(blockText), copy.signature];
  if (footer.unsubscribeUrl) parts.push(`--\n${copy.why}\n${copy.unsubscribe}: ${footer.unsubscribeUrl}${footer.preferencesUrl ? `\n${copy.preferences}: ${footer.preferencesUrl}` : ''}`);
  return `${parts.join('\n\n')}\n`;
}
