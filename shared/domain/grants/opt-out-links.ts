import type { Clock } from '../../platform/clock.js';
import { hashToken } from '../../platform/ids.js';
import { NotFoundError } from '../errors.js';
import type { Language } from '../language.js';
import type { RecipientState } from '../mail/ports.js';
import type { LocalisedText } from './funding-call.js';
import type { CallStore } from './ports.js';

/** A digest's link: "not relevant" for one call, "stop grant reminders" for the address, or a contact's calendar feed. Stored by the hash of its token. */
export interface GrantLink {
  tokenHash: string;
  purpose: 'not-relevant' | 'stop' | 'calendar';
  email: string;
  callId?: string;
  /** A calendar link's contact. */
  memberId?: string;
  contactId?: string;
  lang: Language;
}

export interface GrantLinkStore {
  find(tokenHash: string): Promise<GrantLink | undefined>;
  /** Writes link items (again: the same tokens give the same items). */
  save(links: readonly GrantLink[]): Promise<void>;
  /** The calls an address marked "not relevant". */
  notRelevantCalls(email: string): Promise<Set<string>>;
  /** Of these calls, those each address marked "not relevant" (by the addresses as given; reads by key, 100 a request). */
  notRelevantAmong(emails: readonly string[], callIds: readonly string[]): Promise<Map<string, Set<string>>>;
  markNotRelevant(email: string, callId: string, at: Date): Promise<void>;
}

export interface GrantLinkDependencies {
  clock: Clock;
  links: GrantLinkStore;
  calls: Pick<CallStore, 'get'>;
  recipients: { state(email: string): Promise<RecipientState> };
  /** The address's preferences: created if it has none yet (the stop link can come before the mailer made them), then grants off. */
  preferences: { preferencesToken(email: string, lang: Language): Promise<string>; setSubscribed(email: string, category: 'grants', subscribed: false, now: Date): Promise<unknown> };
}

/** What the link's page shows: what the button will do, and whether it is done already. */
export interface GrantLinkState {
  purpose: 'not-relevant' | 'stop';
  lang: Language;
  /** The call a "not relevant" link is about (absent if it was deleted since). */
  call?: { programme: string; callIdentifier: string; title: LocalisedText };
  done: boolean;
}

/** A page's link: a calendar feed's token opens no page (each token has one purpose). */
async function linkOf(token: string, deps: GrantLinkDependencies): Promise<GrantLink & { purpose: GrantLinkState['purpose'] }> {
  const link = await deps.links.find(hashToken(token));
  if (!link || link.purpose === 'calendar') throw new NotFoundError('This link is not valid.');
  return link as GrantLink & { purpose: GrantLinkState['purpose'] };
}

async function stateOf(link: GrantLink, deps: GrantLinkDependencies): Promise<GrantLinkStateParts> {
  if (link.purpose === 'stop') return { done: (await deps.recipients.state(link.email)).unsubscribed.includes('grants') };
  const [call, marked] = await Promise.all([deps.calls.get(link.callId!), deps.links.notRelevantCalls(link.email)]);
  return { done: marked.has(link.callId!), ...(call ? { call: { programme: call.programme, callIdentifier: call.callIdentifier, title: call.title } } : {}) };
}
type GrantLinkStateParts = Pick<GrantLinkState, 'done' | 'call'>;

/** `GET /grant-reminders/{token}`: the page's content. Changes nothing: mail scanners open links. */
export async function grantLinkState(token: string, deps: GrantLinkDependencies): Promise<GrantLinkState> {
  const link = await linkOf(token, deps);
  return { purpose: link.purpose, lang: link.lang, ...(await stateOf(link, deps)) };
}

/**
 * `POST /grant-reminders/{token}` (the page's button): the call marked "not
 * relevant" for this address (no more reminders of it), or every grant
 * reminder stopped (the grants unsubscribe, as the List-Unsubscribe one-click
 * does). Pressing it again changes nothing more.
 */
export async function confirmGrantLink(token: string, deps: GrantLinkDependencies): Promise<GrantLinkState & { changed: boolean }> {
  const link = await linkOf(token, deps);
  const before = await stateOf(link, deps);
  if (!before.done) {
    if (link.purpose === 'stop') {
      await deps.preferences.preferencesToken(link.email, link.lang);
      await deps.preferences.setSubscribed(link.email, 'grants', false, deps.clock.now());
    }
    else await deps.links.markNotRelevant(link.email, link.callId!, deps.clock.now());
  }
  return { purpose: link.purpose, lang: link.lang, ...before, done: true, changed: !before.done };
}
