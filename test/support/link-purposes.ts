import type { RouteContract } from '../../shared/http/route.js';
import { uniqueEmail } from './mailbox.js';

/** A request to the action behind a link (its page's button): the route's POST with a body it would accept. */
export interface LinkAction {
  method: 'POST';
  path: string;
  json?: unknown;
  form?: Record<string, string>;
}

/**
 * The action a link's page posts, with `token` put where that route takes it,
 * by the GET route of the link. A token page with a POST beside it in the
 * manifest and no entry here fails the safe-links test, which names it: add
 * how its button posts. (A page with nothing to post, such as a calendar feed, needs none.)
 */
export const actionBehindLink: Record<string, (token: string) => LinkAction> = {
  verificationPage: (token) => ({ method: 'POST', path: '/applications/verify', form: { token } }),
  rsvpPage: (token) => ({ method: 'POST', path: `/rsvp/${encodeURIComponent(token)}`, json: { response: 'accept' } }),
  getPreferences: (token) => ({ method: 'POST', path: `/unsubscribe/${encodeURIComponent(token)}?category=events`, form: { 'List-Unsubscribe': 'One-Click' } }),
  contactConfirmationPage: (token) => ({ method: 'POST', path: `/contacts/confirm/${encodeURIComponent(token)}` }),
  grantLinkPage: (token) => ({ method: 'POST', path: `/grant-reminders/${encodeURIComponent(token)}` }),
  colleaguesPage: (token) => ({
    method: 'POST',
    path: `/colleagues/${encodeURIComponent(token)}`,
    json: { name: 'Ewa Zielińska', email: uniqueEmail('cross-purpose-colleague'), role: 'Nauczycielka', language: 'pl' },
  }),
};

/** The purpose of a link: the operation of the page it opens. */
export const purposeOf = (route: RouteContract) => route.operationId;
