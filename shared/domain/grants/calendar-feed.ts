import type { Clock } from '../../platform/clock.js';
import { hashToken } from '../../platform/ids.js';
import { NotFoundError } from '../errors.js';
import type { Language } from '../language.js';
import { matchesAudience, memberAudienceOf } from '../members/audience.js';
import { receivesMemberCommunication } from '../members/member.js';
import type { MemberDirectory } from '../members/ports.js';
import type { FundingCall } from './funding-call.js';
import type { GrantLinkStore } from './opt-out-links.js';
import type { CallStore } from './ports.js';
import { allOpenCalls } from './queries.js';

export interface CalendarFeedDependencies {
  clock: Clock;
  links: Pick<GrantLinkStore, 'find' | 'notRelevantCalls'>;
  directory: Pick<MemberDirectory, 'load'>;
  store: Pick<CallStore, 'list'>;
}

/**
 * `GET /calendar/{token}`: the open calls of a contact's audience (its
 * member's type and interests), minus those its address marked not
 * relevant, for a calendar that subscribes once. The token names the contact
 * only by its hash in a link item; a contact that no longer receives grant
 * mail (removed, unsubscribed category, member not active) gets no feed.
 */
export async function contactCalendar(token: string, deps: CalendarFeedDependencies): Promise<{ lang: Language; calls: FundingCall[] }> {
  const link = await deps.links.find(hashToken(token));
  if (!link || link.purpose !== 'calendar' || !link.memberId || !link.contactId) throw new NotFoundError('This calendar link is not valid.');
  const now = deps.clock.now();
  const aggregate = await deps.directory.load(link.memberId);
  const contact = aggregate?.contacts.find((candidate) => candidate.contactId === link.contactId);
  if (!aggregate || !contact || !receivesMemberCommunication(aggregate.member, contact, 'grants', now)) throw new NotFoundError('This calendar link is not valid any more.');
  const [open, notRelevant] = await Promise.all([allOpenCalls(now, deps), deps.links.notRelevantCalls(contact.email)]);
  return { lang: contact.language, calls: open.filter((call) => !notRelevant.has(call.callId) && matchesAudience(aggregate.member, memberAudienceOf(call.audience))) };
}
