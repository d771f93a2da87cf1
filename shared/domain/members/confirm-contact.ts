import type { Clock } from '../../platform/clock.js';
import { hashToken } from '../../platform/ids.js';
import type { Language } from '../language.js';
import { nextAggregate, withFreshMember } from './changes.js';
import { isExpired, sameAddress, type Contact, type MemberAggregate } from './member.js';
import { StaleConfirmation, type ContactConfirmation, type MemberStore } from './ports.js';

export interface ConfirmDependencies {
  clock: Clock;
  store: MemberStore;
}

/** Where a confirmation link stands, as its page shows it. */
export type ConfirmationState =
  | { outcome: 'pending'; lang: Language; organisationName: string; contactName: string }
  | { outcome: 'already-confirmed'; lang: Language; organisationName?: string }
  | { outcome: 'expired'; lang: Language }
  /** The contact was removed, or its address changed again: this link confirms nothing any more. */
  | { outcome: 'superseded'; lang: Language }
  | { outcome: 'unknown' };

export type ConfirmationOutcome = Exclude<ConfirmationState, { outcome: 'pending' }> | { outcome: 'confirmed'; lang: Language; organisationName: string };

type Inspected =
  | { state: Exclude<ConfirmationState, { outcome: 'pending' }> }
  | { state: Extract<ConfirmationState, { outcome: 'pending' }>; record: ContactConfirmation; aggregate: MemberAggregate; contact: Contact };

async function inspect(tokenHash: string, deps: ConfirmDependencies): Promise<Inspected> {
  const record = await deps.store.confirmation(tokenHash);
  if (!record) return { state: { outcome: 'unknown' } };
  const lang = record.language;
  const now = deps.clock.now();
  if (record.usedAt) return { state: { outcome: 'already-confirmed', lang } };
  const aggregate = await deps.store.load(record.memberId);
  const contact = aggregate?.contacts.find((candidate) => candidate.contactId === record.contactId);
  const linkExpired = new Date(record.expiresAt) <= now;
  if (!aggregate || !contact || isExpired(contact, now)) return { state: { outcome: linkExpired || (contact && isExpired(contact, now)) ? 'expired' : 'superseded', lang } };
  if (!sameAddress(contact.email, record.email)) return { state: { outcome: 'superseded', lang } };
  if (contact.status === 'CONFIRMED') return { state: { outcome: 'already-confirmed', lang, organisationName: aggregate.member.name } };
  if (linkExpired) return { state: { outcome: 'expired', lang } };
  return { state: { outcome: 'pending', lang, organisationName: aggregate.member.name, contactName: contact.name }, record, aggregate, contact };
}

/** What the emailed link shows. It changes nothing: mail scanners open every link, so only the page's button confirms. */
export async function confirmationState(token: string, deps: ConfirmDependencies): Promise<ConfirmationState> {
  return (await inspect(hashToken(token), deps)).state;
}

/**
 * The page's button: the address is confirmed, and from now on the contact
 * receives member communications (if the member is active). An unconfirmed
 * addition becomes a lasting contact and stops expiring.
 */
export async function confirmContact(token: string, deps: ConfirmDependencies): Promise<ConfirmationOutcome> {
  const tokenHash = hashToken(token);
  return withFreshMember(async () => {
    const inspected = await inspect(tokenHash, deps);
    if (inspected.state.outcome !== 'pending') return inspected.state;
    const { aggregate, contact, state } = inspected as Extract<Inspected, { record: ContactConfirmation }>;
    const now = deps.clock.now();
    const { confirmBy: _expiring, ...lasting } = contact;
    const confirmed: Contact = { ...lasting, status: 'CONFIRMED', confirmedAt: now.toISOString(), updatedAt: now.toISOString() };
    const after = nextAggregate(
      aggregate,
      aggregate.member,
      aggregate.contacts.map((candidate) => (candidate.contactId === contact.contactId ? confirmed : candidate)),
      now,
    );
    try {
      await deps.store.save({ before: aggregate, after, usedConfirmation: { tokenHash, usedAt: now.toISOString() }, messages: [], now });
    } catch (error) {
      // A double click: the other request confirmed it a moment ago.
      if (error instanceof StaleConfirmation) return { outcome: 'already-confirmed', lang: state.lang, organisationName: state.organisationName };
      // MemberChanged: another change of the member came first; withFreshMember reads it again.
      throw error;
    }
    return { outcome: 'confirmed', lang: state.lang, organisationName: state.organisationName };
  });
}
