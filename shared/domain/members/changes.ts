import type { Clock } from '../../platform/clock.js';
import { hashToken, type IdGenerator } from '../../platform/ids.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { NewMessage } from '../mail/outbox-message.js';
import { contactConfirmationDays, currentContacts, isLasting, type Contact, type Member, type MemberAggregate } from './member.js';
import { MemberChanged, type ContactConfirmation, type MemberChange, type MemberStore } from './ports.js';

/** What every change of a member needs. */
export interface MemberChangeDependencies {
  clock: Clock;
  ids: IdGenerator;
  store: MemberStore;
  publicBaseUrl: string;
}

export const confirmationUrl = (baseUrl: string, token: string) => `${baseUrl}/contacts/confirm/${encodeURIComponent(token)}`;
export const colleaguesUrl = (baseUrl: string, token: string) => `${baseUrl}/colleagues/${encodeURIComponent(token)}`;

export const memberChangedError = () =>
  new ConflictError('Another change to this member was saved a moment ago. Read the member again and repeat your change on what it holds now.', 'MEMBER_CHANGED');

/** The member as stored, refused when it is missing or when the caller read an older version than the stored one. */
export async function loadMember(memberId: string, store: MemberStore, expectedVersion?: number): Promise<MemberAggregate> {
  const aggregate = await store.load(memberId);
  if (!aggregate) throw new NotFoundError('No member has this id.');
  if (expectedVersion !== undefined && expectedVersion !== aggregate.member.version) throw memberChangedError();
  return aggregate;
}

/**
 * The member after a change of its contacts or its own fields: the next
 * version, and the count of its lasting contacts (what lists show). Expired
 * unconfirmed additions are left out, so the write removes them.
 */
export function nextAggregate(before: MemberAggregate, member: Member, contacts: Contact[], now: Date): MemberAggregate {
  const current = currentContacts(contacts, now);
  return {
    member: { ...member, version: before.member.version + 1, updatedAt: now.toISOString(), contactCount: current.filter(isLasting).length },
    contacts: current,
  };
}

/** A new confirmation link for a contact's address, and the email that carries it. */
export function confirmationFor(
  contact: Contact,
  organisationName: string,
  options: { reason: 'added' | 'email-changed'; addedByName?: string; expiresAt: Date },
  deps: MemberChangeDependencies,
): { record: ContactConfirmation; message: NewMessage } {
  const token = deps.ids.newToken();
  const record: ContactConfirmation = {
    tokenHash: hashToken(token),
    memberId: contact.memberId,
    contactId: contact.contactId,
    email: contact.email.trim().toLowerCase(),
    language: contact.language,
    expiresAt: options.expiresAt.toISOString(),
  };
  const message: NewMessage = {
    to: contact.email,
    lang: contact.language,
    template: 'contact-confirmation',
    data: {
      contactName: contact.name,
      organisationName,
      confirmUrl: confirmationUrl(deps.publicBaseUrl, token),
      expiresAt: record.expiresAt,
      reason: options.reason,
      ...(options.addedByName ? { addedByName: options.addedByName } : {}),
    },
  };
  return { record, message };
}

export const confirmationDeadline = (now: Date) => new Date(now.getTime() + contactConfirmationDays * 86_400_000);

/** Writes a change; a member written by someone else since it was read is a conflict. */
export async function saveChange(store: MemberStore, change: MemberChange): Promise<void> {
  try {
    await store.save(change);
  } catch (error) {
    if (error instanceof MemberChanged) throw memberChangedError();
    throw error;
  }
}

/**
 * For changes nobody can be asked to repeat (a link's button, a colleague's
 * form): read the member again and apply the change to what it holds now, a
 * few times, before giving up with a conflict.
 */
export async function withFreshMember<T>(attempt: () => Promise<T>, attempts = 4): Promise<T> {
  for (let round = 1; ; round += 1) {
    try {
      return await attempt();
    } catch (error) {
      const conflict = error instanceof MemberChanged || (error instanceof ConflictError && error.code === 'MEMBER_CHANGED');
      if (!conflict || round >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * round + Math.random() * 30));
    }
  }
}
