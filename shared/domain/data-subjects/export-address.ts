import type { Actor } from '../actor.js';
import { auditEntry } from '../audit/audit-entry.js';
import { NotFoundError } from '../errors.js';
import { backupNotice, holdsAnything, type AddressHoldings, type HeldRecord } from './holdings.js';
import type { DataSubjectDependencies } from './ports.js';

/** Templates of the reminders an address was sent (event reminders, RSVP nudges, grant deadline digests). */
const reminderTemplates = new Set(['event-reminder', 'rsvp-nudge', 'grant-reminder-digest']);

type ConsentsHeld = Record<string, Record<string, unknown>>;

/** Every consent held, with where it is held: the application's, and each contact's copy. */
function consentsOf(holdings: AddressHoldings): HeldRecord[] {
  const listed = (source: string, consents: unknown) =>
    Object.entries((consents ?? {}) as ConsentsHeld).map(([kind, consent]) => ({ source, kind, ...consent }));
  return [
    ...holdings.applications.flatMap((application) => listed(`application/${String(application.applicationId)}`, application.consents)),
    ...holdings.contacts.flatMap(({ memberId, contactId, contact }) => listed(`member/${memberId}/contact/${contactId}`, contact.consents)),
  ];
}

/** How many records of each kind: the audit entry's summary, without the records themselves. */
export function holdingCounts(holdings: AddressHoldings): Record<string, number> {
  return {
    applications: holdings.applications.length,
    contacts: holdings.contacts.length,
    contactConfirmations: holdings.contactConfirmations.length,
    grantLinks: holdings.grantLinks.length,
    invitations: holdings.invitations.length,
    extraInvitations: holdings.extraInvitations.length,
    outboxMessages: holdings.outboxMessages.length,
    preferences: holdings.preferences ? 1 : 0,
    suppression: holdings.suppression ? 1 : 0,
    grantOptOuts: holdings.grantOptOuts.length,
  };
}

/**
 * `GET /admin/contacts/{email}/export`: everything held about the address
 * (GDPR Art. 15), audited by the address's keyed hash. Nothing held at all
 * (not even an earlier erasure's suppression) is a 404.
 */
export async function exportAddress(address: string, actor: Actor, deps: DataSubjectDependencies) {
  const holdings = await deps.store.holdings(address, await deps.addressHash(address));
  if (!holdsAnything(holdings)) throw new NotFoundError('Nothing is held about this address.');
  const now = deps.clock.now();
  await deps.store.recordExport(
    auditEntry({ id: deps.ids.newId(), at: now, actor, action: 'data-subject.export', target: `address/${holdings.addressHash}`, before: null, after: holdingCounts(holdings) }),
  );
  return {
    address,
    generatedAt: now.toISOString(),
    backups: backupNotice,
    ...(holdings.erasure ? { erasure: holdings.erasure } : {}),
    applications: holdings.applications,
    contacts: holdings.contacts.map(({ memberId, memberName, contact }) => ({ ...contact, memberId, memberName })),
    consents: consentsOf(holdings),
    // Token hashes are keys of links, not data about the person.
    contactConfirmations: holdings.contactConfirmations.map(({ tokenHash: _tokenHash, ...confirmation }) => confirmation),
    grantLinks: holdings.grantLinks.map(({ tokenHash: _tokenHash, ...link }) => link),
    invitations: holdings.invitations,
    extraInvitations: holdings.extraInvitations,
    remindersSent: holdings.outboxMessages.filter((message) => reminderTemplates.has(String(message.template))),
    outboxMessages: holdings.outboxMessages,
    preferences: holdings.preferences && (({ tokenHash: _tokenHash, ...preferences }) => preferences)(holdings.preferences),
    suppression: holdings.suppression,
    grantOptOuts: holdings.grantOptOuts,
    auditEntries: holdings.auditEntries,
  };
}
