import { hashToken } from '../../platform/ids.js';
import type { FanOutUnit } from '../fanout/fan-out.js';
import type { Language } from '../language.js';
import type { Contact, MemberAggregate } from '../members/member.js';
import type { GrantLink } from './opt-out-links.js';
import type { DueCall } from './reminder-schedule.js';

/** One address and the contacts behind it (in any member) that receive grant reminders now. */
export interface Addressee {
  email: string;
  contacts: Array<{ contact: Contact; aggregate: MemberAggregate }>;
}

/** What a digest's links need: the MACs of their tokens, and where the API is. */
export interface DigestLinkDependencies {
  linkTokens: { notRelevant(email: string, callId: string): Promise<string>; stop(email: string): Promise<string>; calendar(contactId: string): Promise<string> };
  publicBaseUrl: string;
}

/**
 * One address's digest of a day: the email (id per date and address, so any
 * page or attempt makes the same one) in the first contact's language, and
 * the link items its links need (tokens are MACs: the same address, call or
 * contact always gets the same link).
 */
export async function digestUnit(who: Addressee, calls: DueCall[], runDate: string, deps: DigestLinkDependencies): Promise<{ unit: FanOutUnit; links: GrantLink[] }> {
  const [{ contact }] = who.contacts as [Addressee['contacts'][number]];
  const lang: Language = contact.language;
  const link = (token: string) => `${deps.publicBaseUrl}/grant-reminders/${encodeURIComponent(token)}`;
  const notRelevant = await Promise.all(calls.map((due) => deps.linkTokens.notRelevant(who.email, due.call.callId)));
  const stop = await deps.linkTokens.stop(who.email);
  const calendar = await deps.linkTokens.calendar(contact.contactId);
  const links: GrantLink[] = [
    ...calls.map((due, index) => ({ tokenHash: hashToken(notRelevant[index]!), purpose: 'not-relevant' as const, email: who.email, callId: due.call.callId, lang })),
    { tokenHash: hashToken(stop), purpose: 'stop', email: who.email, lang },
    { tokenHash: hashToken(calendar), purpose: 'calendar', email: who.email, memberId: contact.memberId, contactId: contact.contactId, lang },
  ];
  const unit: FanOutUnit = {
    message: {
      // One digest per address and day, whichever page or attempt makes it.
      messageId: `grant-digest-${runDate}-${hashToken(who.email).slice(0, 22)}`,
      to: contact.email,
      lang,
      template: 'grant-reminder-digest',
      data: {
        contactName: contact.name,
        calls: calls.map((due, index) => ({
          programme: due.call.programme,
          callIdentifier: due.call.callIdentifier,
          title: due.call.title[lang],
          url: due.call.url,
          deadline: due.call.deadlineAt,
          daysLeft: due.daysLeft,
          ...(due.late ? { late: true } : {}),
          notRelevantUrl: link(notRelevant[index]!),
        })),
        stopUrl: link(stop),
        calendarUrl: `${deps.publicBaseUrl}/calendar/${encodeURIComponent(calendar)}`,
      },
    },
    markers: [],
  };
  return { unit, links };
}
