import type { FieldError } from '../domain/errors.js';
import { escapeHtml } from '../email/escape.js';
import type { Language } from '../email/language.js';
import { consentTextVersion, formCountries, interests, organisationTypes, voivodeships } from '../domain/organisations/reference-data.js';
import { echoable } from './application-form-limits.js';
import { formCopy } from './application-form-copy.js';
import { page } from './page.js';
import { privacyNotice } from './privacy-notice.js';
import { applicationFormScript } from './application-form-script.js';

type Values = Record<string, unknown>;

export interface FormState {
  lang: Language;
  values?: Values;
  errors?: FieldError[];
  /** A message about the form as a whole, shown above it. */
  notice?: string;
  idempotencyKey: string;
  /** The office's address, given in the privacy notice. */
  privacyContact?: string;
}

const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;
const errorId = (path: string) => `e-${path.replace(/\./g, '-')}`;

function valueAt(values: Values | undefined, path: string): unknown {
  return path.split('.').reduce<unknown>((current, key) => (current && typeof current === 'object' ? (current as Values)[key] : undefined), values);
}

/** A submitted value to show again, cut to the field's maximum: a huge post never comes back as a huge page. */
function stringAt(values: Values | undefined, path: string): string {
  const value = valueAt(values, path);
  return typeof value === 'string' ? echoable(path, value) : '';
}

/**
 * The application form: plain HTML that posts form-urlencoded and works
 * without JavaScript; errors are tied to their fields (aria-invalid,
 * aria-describedby) and listed in a summary that links to each field.
 */
export function applicationFormPage(state: FormState): string {
  const { lang } = state;
  const text = formCopy[lang];
  const errors = new Map((state.errors ?? []).map((error) => [error.path, error.message]));
  const other = lang === 'pl' ? 'en' : 'pl';

  const errorFor = (path: string) =>
    errors.has(path) ? `<p class="error" id="${errorId(path)}">${escapeHtml(errors.get(path)!)}</p>` : '';
  const invalid = (path: string, hintId?: string) => {
    const describedBy = [errors.has(path) ? errorId(path) : '', hintId ?? ''].filter(Boolean).join(' ');
    return `${errors.has(path) ? ' aria-invalid="true"' : ''}${describedBy ? ` aria-describedby="${describedBy}"` : ''}`;
  };
  const input = (path: string, options: { type?: string; autocomplete?: string; required?: boolean; hint?: string; inputmode?: string; value?: string } = {}) => {
    const hintId = options.hint ? `h-${path.replace(/\./g, '-')}` : undefined;
    return `<label for="${fieldId(path)}">${escapeHtml(text.fields[path]!)}${options.hint ? ` <span class="hint" id="${hintId}">(${escapeHtml(options.hint)})</span>` : ''}</label>
${errorFor(path)}<input type="${options.type ?? 'text'}" id="${fieldId(path)}" name="${path}" value="${escapeHtml(options.value ?? stringAt(state.values, path))}"${options.autocomplete ? ` autocomplete="${options.autocomplete}"` : ''}${options.inputmode ? ` inputmode="${options.inputmode}"` : ''}${options.required ? ' required' : ''}${invalid(path, hintId)}>`;
  };
  const select = (path: string, choices: Array<[string, string]>, options: { autocomplete?: string; required?: boolean; selected?: string } = {}) => {
    const selected = stringAt(state.values, path) || options.selected || '';
    return `<label for="${fieldId(path)}">${escapeHtml(text.fields[path]!)}</label>
${errorFor(path)}<select id="${fieldId(path)}" name="${path}"${options.autocomplete ? ` autocomplete="${options.autocomplete}"` : ''}${options.required ? ' required' : ''}${invalid(path)}>
<option value="">${text.choose}</option>${choices.map(([value, label]) => `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(label)}</option>`).join('')}</select>`;
  };
  const checkbox = (path: string) => {
    const checked = ['on', 'true', true].includes(valueAt(state.values, path) as string);
    return `${errorFor(path)}<label class="check" for="${fieldId(path)}"><input type="checkbox" id="${fieldId(path)}" name="${path}"${checked ? ' checked' : ''}${invalid(path)}><span>${escapeHtml(text.fields[path]!)}</span></label>`;
  };

  const chosenInterests = new Set([valueAt(state.values, 'interests')].flat().filter((value): value is string => typeof value === 'string'));
  const chosenLanguage = stringAt(state.values, 'language') || lang;
  const summary =
    errors.size > 0
      ? `<div class="summary" role="alert" tabindex="-1" id="error-summary" autofocus><h2>${text.errorSummary}</h2><ul>${[...errors]
          .map(([path, message]) => `<li><a href="#${path === 'interests' ? 'f-interests-' + Object.keys(interests)[0] : fieldId(path)}">${escapeHtml(message)}</a></li>`)
          .join('')}</ul></div>`
      : '';

  const body = `<h1>${text.title}</h1>
<p>${text.intro}</p>
${summary}
${state.notice ? `<p class="notice" role="status">${escapeHtml(state.notice)}</p>` : ''}
<p class="hint">${text.required}</p>
<form method="post" action="/applications" novalidate id="application-form">
<input type="hidden" name="idempotencyKey" value="${escapeHtml(echoable('idempotencyKey', state.idempotencyKey))}">
<input type="hidden" name="formLanguage" value="${lang}">
<fieldset><legend>${text.organisation}</legend>
${input('organisation.name', { autocomplete: 'organization', required: true })}
${select('organisation.type', Object.entries(organisationTypes).map(([code, label]) => [code, label[lang]]), { required: true })}
${select('organisation.country', formCountries.map(([code, label]) => [code, label[lang]]), { autocomplete: 'country', required: true, selected: 'PL' })}
<div data-for-country="PL">
${input('organisation.nip', { inputmode: 'numeric', hint: text.onlyPoland })}
${input('organisation.regon', { inputmode: 'numeric', hint: text.optional })}
${input('organisation.krs', { inputmode: 'numeric', hint: text.optional })}
</div>
<div data-for-country="abroad">
${input('organisation.registryNumber', { hint: text.onlyAbroad })}
</div>
${input('organisation.address.street', { autocomplete: 'street-address', required: true })}
${input('organisation.address.postalCode', { autocomplete: 'postal-code', required: true })}
${input('organisation.address.city', { autocomplete: 'address-level2', required: true })}
<div data-for-country="PL">
${select('organisation.address.voivodeship', Object.entries(voivodeships), { autocomplete: 'address-level1' })}
</div>
${input('organisation.website', { type: 'url', autocomplete: 'url', hint: text.optional })}
</fieldset>
<fieldset><legend>${text.contact}</legend>
${input('contact.name', { autocomplete: 'name', required: true })}
${input('contact.email', { type: 'email', autocomplete: 'email', required: true })}
${input('contact.phone', { type: 'tel', autocomplete: 'tel', required: true })}
${input('contact.role', { autocomplete: 'organization-title', required: true })}
</fieldset>
<fieldset${errors.has('interests') ? ' aria-describedby="e-interests"' : ''}><legend>${text.interests}</legend>
<p class="hint">${text.interestsHint}</p>${errorFor('interests')}
${Object.entries(interests)
  .map(([code, label]) => `<label class="check" for="f-interests-${code}"><input type="checkbox" id="f-interests-${code}" name="interests" value="${code}"${chosenInterests.has(code) ? ' checked' : ''}><span>${escapeHtml(label[lang])}</span></label>`)
  .join('\n')}
</fieldset>
<fieldset><legend>${text.language}</legend>
<label class="check" for="f-language-pl"><input type="radio" id="f-language-pl" name="language" value="pl"${chosenLanguage === 'pl' ? ' checked' : ''}><span lang="pl">Polski</span></label>
<label class="check" for="f-language-en"><input type="radio" id="f-language-en" name="language" value="en"${chosenLanguage === 'en' ? ' checked' : ''}><span lang="en">English</span></label>
</fieldset>
<fieldset><legend>${text.consents}</legend>
${checkbox('consents.statute')}
${checkbox('consents.dataProcessing')}
${checkbox('consents.marketing')}
<p class="hint">v${consentTextVersion}</p>
</fieldset>
${privacyNotice(lang, state.privacyContact)}
<div class="hp" aria-hidden="true"><label for="f-homepage">${text.honeypot}</label><input type="text" id="f-homepage" name="homepage" tabindex="-1" autocomplete="off"></div>
<button type="submit" data-sending="${text.sending}">${text.submit}</button>
</form>`;
  return page({ lang, title: text.title, body, languageSwitch: `/apply?lang=${other}`, script: applicationFormScript(lang) });
}

export function applicationThanksPage(lang: Language): string {
  const text = formCopy[lang];
  return page({
    lang,
    title: text.thanksTitle,
    body: `<h1>${text.thanksTitle}</h1><p class="notice" role="status">${text.thanks}</p><p>${text.thanksSpam}</p>`,
  });
}

/** The API's errors, in the form's language, at the fields they belong to. */
export function localiseFieldErrors(errors: FieldError[], lang: Language, code?: string): FieldError[] {
  const messages = formCopy[lang].errors;
  return errors.map((error) => ({
    path: error.path,
    message: (code && messages[code]) || messages[error.path] || error.message,
  }));
}
