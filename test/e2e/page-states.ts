import type { Language } from '../../shared/email/language.js';
import type { PageFixtures, PageRequest } from '../support/public-pages.js';

/**
 * Every state of every public page the accessibility suite opens, in each
 * language. A new page or state is one line here: its name (the screenshot's
 * file name), the status it answers with, and how a browser reaches it, using
 * `fixtures` (test/support/public-pages.ts) for the real data behind it.
 * `langs` narrows a state that exists in one language only.
 */
export interface PageState {
  name: string;
  status: number;
  request: (fixtures: PageFixtures, lang: Language) => Promise<PageRequest> | PageRequest;
  langs?: readonly Language[];
}

const accept = { response: 'accept' };

export const pageStates: readonly PageState[] = [
  // The application form and its answers.
  { name: 'apply-form', status: 200, request: (_f, lang) => ({ path: `/apply?lang=${lang}` }) },
  { name: 'apply-form-errors', status: 400, request: (_f, lang) => ({ path: '/applications', form: { formLanguage: lang, 'organisation.nip': '1234567890', 'contact.email': 'anna@' } }) },
  { name: 'apply-form-resent', status: 409, request: async (f, lang) => ({ path: '/applications', form: { ...f.applicationForm(lang), idempotencyKey: await f.sentApplicationKey(lang) } }) },
  { name: 'apply-thanks', status: 200, request: (_f, lang) => ({ path: `/apply?submitted=1&lang=${lang}` }) },
  // The verification link's page and its button's answers.
  { name: 'verify-confirm', status: 200, request: async (f, lang) => ({ path: await f.pendingVerification(lang) }) },
  { name: 'verify-confirmed', status: 200, request: async (f, lang) => ({ path: '/applications/verify', form: { token: new URL(await f.pendingVerification(lang), 'http://x').searchParams.get('token')! } }) },
  { name: 'verify-already', status: 200, request: async (f, lang) => ({ path: await f.usedVerification(lang) }) },
  { name: 'verify-decided', status: 200, request: async (f, lang) => ({ path: await f.decidedVerification(lang) }) },
  { name: 'verify-expired', status: 410, request: async (f, lang) => ({ path: await f.expiredVerification(lang) }) },
  // An unknown token says nothing of the reader's language: Polish only.
  { name: 'verify-unknown', status: 404, langs: ['pl'], request: (f) => ({ path: `/applications/verify?token=${f.madeUpToken}` }) },
  // The RSVP page and its answers.
  { name: 'rsvp-invitation', status: 200, request: async (f, lang) => ({ path: `${await f.rsvpInvitation(lang)}?response=accept` }) },
  { name: 'rsvp-accepted', status: 200, request: async (f, lang) => ({ path: await f.rsvpInvitation(lang), form: accept }) },
  { name: 'rsvp-declined', status: 200, request: async (f, lang) => ({ path: await f.rsvpInvitation(lang), form: { response: 'decline' } }) },
  { name: 'rsvp-waitlisted', status: 200, request: async (f, lang) => ({ path: await f.rsvpFull(lang), form: accept }) },
  { name: 'rsvp-past-deadline', status: 200, request: async (f, lang) => ({ path: await f.rsvpPastDeadline(lang) }) },
  { name: 'rsvp-cancelled', status: 200, request: async (f, lang) => ({ path: await f.rsvpCancelled(lang) }) },
  { name: 'rsvp-unknown', status: 404, request: (f, lang) => ({ path: `/rsvp/${f.madeUpToken}?lang=${lang}` }) },
  // Notification settings behind the unsubscribe links, and what saving or a one-click unsubscribe shows.
  { name: 'preferences', status: 200, request: async (f, lang) => ({ path: `${await f.preferencesPath(lang)}?lang=${lang}` }) },
  { name: 'preferences-saved', status: 200, request: async (f, lang) => ({ path: `${await f.preferencesPath(lang)}?lang=${lang}`, form: { form: 'preferences', events: 'on' } }) },
  { name: 'preferences-unsubscribed', status: 200, request: async (f, lang) => ({ path: `${await f.preferencesPath(lang)}?category=events&lang=${lang}`, form: { 'List-Unsubscribe': 'One-Click' } }) },
  { name: 'preferences-unknown', status: 404, request: (f, lang) => ({ path: `/unsubscribe/${f.madeUpToken}?lang=${lang}` }) },
  // A primary contact adding colleagues.
  { name: 'colleagues-form', status: 200, request: async (f, lang) => ({ path: `${await f.colleaguesLink(lang)}?lang=${lang}` }) },
  { name: 'colleagues-form-errors', status: 400, request: async (f, lang) => ({ path: `${await f.colleaguesLink(lang)}?lang=${lang}`, form: { name: 'T', email: 'tomasz@', role: '', language: lang } }) },
  { name: 'colleagues-added', status: 200, request: async (f, lang) => ({ path: `${await f.colleaguesLink(lang)}?lang=${lang}`, form: { name: 'Tomasz Nowak', email: `a11y-${Date.now()}@example.test`, role: 'Koordynator', language: lang } }) },
  { name: 'colleagues-expired', status: 410, request: async (f, lang) => ({ path: `${await f.expiredColleaguesLink(lang)}?lang=${lang}` }) },
  { name: 'colleagues-not-allowed', status: 403, request: async (f, lang) => ({ path: await f.notPrimaryColleaguesLink(lang) }) },
  { name: 'colleagues-unknown', status: 404, request: (f, lang) => ({ path: `/colleagues/${f.madeUpToken}?lang=${lang}` }) },
  // A contact confirming their address.
  { name: 'contact-confirm', status: 200, request: async (f, lang) => ({ path: await f.pendingContactConfirmation(lang) }) },
  { name: 'contact-confirmed', status: 200, request: async (f, lang) => ({ path: await f.pendingContactConfirmation(lang), form: {} }) },
  { name: 'contact-already', status: 200, request: async (f, lang) => ({ path: await f.usedContactConfirmation(lang) }) },
  { name: 'contact-expired', status: 410, request: async (f, lang) => ({ path: await f.expiredContactConfirmation(lang) }) },
  { name: 'contact-superseded', status: 410, request: async (f, lang) => ({ path: await f.supersededContactConfirmation(lang) }) },
  { name: 'contact-unknown', status: 404, langs: ['pl'], request: (f) => ({ path: `/contacts/confirm/${f.madeUpToken}` }) },
  // The statement itself.
  { name: 'accessibility-statement', status: 200, request: (_f, lang) => ({ path: `/accessibility?lang=${lang}` }) },
];
