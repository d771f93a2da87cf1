import { escapeHtml } from '../email/escape.js';
import type { Language } from '../email/language.js';

/** The frame's one stylesheet; the pages' Content-Security-Policy names it by hash (content-security-policy.ts). */
export const pageStyles = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d1d1d;background:#f4f6f8;line-height:1.5;overflow-wrap:anywhere}
header{background:#0b5394;color:#fff;padding:16px 24px}header a{color:#fff;font-weight:700}
main{max-width:760px;margin:24px auto;background:#fff;border-radius:8px;padding:24px 32px}
h1{font-size:1.6rem;margin-top:0}fieldset{border:1px solid #d0d7de;border-radius:6px;margin:0 0 20px;padding:16px}legend{font-weight:700;padding:0 6px}
label{display:block;font-weight:600;margin:12px 0 4px}.hint{font-weight:400;color:#555;font-size:.9rem}
input[type=text],input[type=email],input[type=tel],input[type=url],select,textarea{width:100%;padding:10px;border:1px solid #8c959f;border-radius:4px;font:inherit}
input:focus,select:focus,textarea:focus,button:focus,a:focus,[tabindex]:focus{outline:3px solid #1d1d1d;outline-offset:2px}header a:focus,footer a:focus{outline-color:#fff}
.check{display:flex;gap:8px;align-items:flex-start;font-weight:400;margin:8px 0}.check input{margin-top:5px}
.error{color:#b00020;font-weight:600;font-size:.95rem;margin:4px 0}[aria-invalid=true]{border-color:#b00020!important;border-width:2px!important}
.summary{border:2px solid #b00020;border-radius:6px;padding:12px 16px;margin-bottom:20px}.summary a{color:#b00020}
.notice{border-left:4px solid #0b5394;background:#eef4fb;padding:12px 16px;margin:16px 0}
button{background:#0b5394;color:#fff;border:0;border-radius:6px;padding:12px 22px;font:inherit;font-weight:600;cursor:pointer}
.secondary{background:#fff;color:#0b5394;border:2px solid #0b5394}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.lang{float:right;color:#fff}
footer{background:#1d1d1d;color:#fff;padding:16px 24px;text-align:center}footer a{color:#fff}`;

const footerCopy = { pl: 'Deklaracja dostępności', en: 'Accessibility statement' } as const;

/** Every page links the accessibility statement, in the page's language (required by the Polish act implementing Directive 2016/2102). */
function pageFooter(lang: Language): string {
  return `<footer><a href="/accessibility?lang=${lang}">${footerCopy[lang]}</a></footer>`;
}

/** The frame of every public page: language, title, one stylesheet, no external resources. */
export function page(options: { lang: Language; title: string; body: string; languageSwitch?: string; script?: string }): string {
  return `<!doctype html>
<html lang="${options.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(options.title)} – Klaster Edukacyjny GLOKAL</title><style>${pageStyles}</style></head>
<body><header>${options.languageSwitch ? `<a class="lang" href="${escapeHtml(options.languageSwitch)}" lang="${options.lang === 'pl' ? 'en' : 'pl'}">${options.lang === 'pl' ? 'English' : 'Polski'}</a>` : ''}<strong>Klaster Edukacyjny GLOKAL</strong></header>
<main id="main">${options.body}</main>${pageFooter(options.lang)}${options.script ? `<script>${options.script}</script>` : ''}</body></html>`;
}

/** A short page that tells a person what happened, for links that are used, expired or unknown. */
export function messagePage(lang: Language, title: string, message: string): string {
  return page({ lang, title, body: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>` });
}

export function unknownLinkPage(lang: Language): string {
  return lang === 'pl'
    ? messagePage(lang, 'Nieznany link', 'Ten link jest nieprawidłowy. Skopiuj go w całości z wiadomości e-mail.')
    : messagePage(lang, 'Unknown link', 'This link is not valid. Copy it whole from the email.');
}
