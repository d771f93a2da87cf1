import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { AddressHoldings, DataSubjectStore, ErasureCounts, HeldRecord } from '../../domain/data-subjects/holdings.js';
import { auditEntryFromItem, auditWrite } from './audit-log.js';
import { batchGetAll } from './batch-get.js';
import { normaliseEmail, tolerant } from './entities/common.js';
import { glokal } from './service.js';
import { isConditionFailure, writeTogether } from './transaction.js';

const { application, auditEntry, contact, contactConfirmation, erasedAddress, event, grantLink, grantOptOut, invitation, member, organisationLock, outboxMessage } = glokal.entities;

const all = { ...tolerant, pages: 'all' } as const;

/** An anonymised invitee: an address that cannot receive mail (RFC 2606 `.invalid`) and names no one. */
const erasedInvitee = (inviteeId: string) => ({ email: `erased-${inviteeId}@erased.invalid`, name: '—' });

/** Audit entries naming the address's records (by target), each once, newest first. */
async function auditEntriesFor(targets: string[]): Promise<AuditEntry[]> {
  const pages = await Promise.all(targets.map((target) => auditEntry.query.byTarget({ target }).go(all)));
  const byId = new Map(pages.flatMap(({ data }) => data.map((stored) => [stored.auditId, auditEntryFromItem(stored)] as const)));
  return [...byId.values()].sort((a, b) => b.at.localeCompare(a.at));
}

/** Events that name the address among their extra invitees: the events listing (one partition, by start), never a scan. */
async function extraInvitationsOf(address: string): Promise<AddressHoldings['extraInvitations']> {
  const { data } = await event.query.byStart({}).go(all);
  return data.flatMap((held) =>
    held.extraInvitees
      .filter((invitee) => normaliseEmail(invitee.email) === address)
      .map((invitee) => ({ eventId: held.eventId, eventTitle: held.title.en ?? held.title.pl, inviteeId: invitee.inviteeId, name: invitee.name, language: invitee.language })),
  );
}

export const dataSubjectRepository: DataSubjectStore = {
  async holdings(address, addressHash) {
    const [contacts, applications, outboxMessages, invitations, confirmations, grantLinks, recipient, optOuts, extraInvitations, erased] = await Promise.all([
      contact.query.byEmail({ emailKey: address }).go(all),
      application.query.byAddress({ addressKey: address }).go(all),
      outboxMessage.query.byAddress({ addressKey: address }).go(all),
      invitation.query.byAddress({ addressKey: address }).go(all),
      contactConfirmation.query.byAddress({ addressKey: address }).go(all),
      grantLink.query.byAddress({ addressKey: address }).go(all),
      glokal.collections.recipientState({ email: address }).go(all),
      grantOptOut.query.byAddress({ emailKey: address }).go(all),
      extraInvitationsOf(address),
      erasedAddress.get({ addressHash }).go({ consistent: true }),
    ]);
    const memberIds = [...new Set(contacts.data.map((held) => held.memberId))];
    const members = memberIds.length > 0 ? (await member.get(memberIds.map((memberId) => ({ memberId }))).go({ consistent: true })).data : [];
    const memberName = new Map(members.map((held) => [held.memberId, held.name]));
    const auditTargets = [
      `address/${addressHash}`,
      ...applications.data.map((held) => `application/${held.applicationId}`),
      ...contacts.data.map((held) => `member/${held.memberId}/contact/${held.contactId}`),
    ];
    const [preferences] = recipient.data.recipientPreferences;
    const [suppression] = recipient.data.suppression;
    return {
      address,
      addressHash,
      applications: applications.data as HeldRecord[],
      contacts: contacts.data.map((held) => ({ memberId: held.memberId, memberName: memberName.get(held.memberId) ?? '', contactId: held.contactId, contact: held as HeldRecord })),
      contactConfirmations: confirmations.data as HeldRecord[],
      grantLinks: grantLinks.data as HeldRecord[],
      invitations: invitations.data as HeldRecord[],
      extraInvitations,
      outboxMessages: outboxMessages.data as HeldRecord[],
      preferences: preferences ? ({ ...preferences, legacyLinks: recipient.data.preferencesLink.length } as HeldRecord) : recipient.data.preferencesLink.length > 0 ? { legacyLinks: recipient.data.preferencesLink.length } : null,
      suppression: (suppression as HeldRecord | undefined) ?? null,
      grantOptOuts: optOuts.data as HeldRecord[],
      auditEntries: await auditEntriesFor(auditTargets),
      ...(erased.data ? { erasure: { erasedAt: erased.data.erasedAt } } : {}),
    };
  },

  async erase(holdings, erasedAt, audit) {
    const address = holdings.address;
    const counts: ErasureCounts = {};
    const count = (kind: string, n: number) => (counts[kind] = (counts[kind] ?? 0) + n);

    for (const held of holdings.applications) {
      const applicationId = String(held.applicationId);
      await application.delete({ applicationId }).go();
      // An open application's NIP lock goes with it (a member's lock stays: its owner is the member).
      await organisationLock
        .delete({ organisationIdentity: String(held.organisationIdentity) })
        .where((attribute, { eq }) => eq(attribute.owner, applicationId))
        .go()
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
      count('applications', 1);
    }

    for (const held of holdings.contactConfirmations) {
      await contactConfirmation.delete({ tokenHash: String(held.tokenHash) }).go();
      count('contactConfirmations', 1);
    }

    // Invitations keep their answer (seat counts and the waitlist depend on it) and lose the person.
    for (const held of holdings.invitations) {
      const { data } = await invitation.get({ eventId: String(held.eventId), inviteeId: String(held.inviteeId) }).go({ consistent: true });
      if (!data || normaliseEmail(data.email) !== address) continue;
      await invitation.put({ ...data, ...erasedInvitee(data.inviteeId) }).go();
      count('invitations', 1);
    }

    for (const eventId of new Set(holdings.extraInvitations.map((extra) => extra.eventId))) {
      const { data } = await event.get({ eventId }).go({ consistent: true });
      if (!data) continue;
      const named = (invitee: { email: string }) => normaliseEmail(invitee.email) === address;
      const extraInvitees = data.extraInvitees.map((invitee) => (named(invitee) ? { ...invitee, ...erasedInvitee(invitee.inviteeId) } : invitee));
      // From the version read, raising it: an administrator's edit begun before cannot write the address back.
      await event
        .patch({ eventId })
        .set({ extraInvitees, version: data.version + 1, updatedAt: erasedAt.toISOString() })
        .where((attribute, { eq }) => eq(attribute.version, data.version))
        .go();
      count('extraInvitations', data.extraInvitees.filter(named).length);
    }

    for (const held of holdings.grantLinks) {
      await grantLink.delete({ tokenHash: String(held.tokenHash) }).go();
      count('grantLinks', 1);
    }

    for (const held of holdings.outboxMessages) {
      await outboxMessage.delete({ messageId: String(held.messageId) }).go();
      count('outboxMessages', 1);
    }

    const { data: recipient } = await glokal.collections.recipientState({ email: address }).go(all);
    await Promise.all([
      ...recipient.recipientPreferences.map(() => glokal.entities.recipientPreferences.delete({ email: address }).go()),
      ...recipient.preferencesLink.map(() => glokal.entities.preferencesLink.delete({ email: address }).go()),
      ...recipient.suppression.map(() => glokal.entities.suppression.delete({ email: address }).go()),
    ]);
    count('recipientState', recipient.recipientPreferences.length + recipient.preferencesLink.length + recipient.suppression.length);

    for (const held of holdings.grantOptOuts) {
      await grantOptOut.delete({ emailKey: address, callId: String(held.callId) }).go();
      count('grantOptOuts', 1);
    }

    // Last: the suppression by hash and the audit entry, together; the request is done once they exist.
    await writeTogether((tx) => ({
      erasedAddress: tx.erasedAddress.put({ addressHash: holdings.addressHash, erasedAt: erasedAt.toISOString() }).commit(),
      audit: auditWrite(tx, audit),
    }));
    return counts;
  },

  async recordExport(audit) {
    await writeTogether((tx) => ({ audit: auditWrite(tx, audit) }));
  },
};

/** The mailer's check: an address erased before is suppressed, found by its keyed hash. */
export async function erasedAt(addressHash: string): Promise<string | undefined> {
  const { data } = await erasedAddress.get({ addressHash }).go();
  return data?.erasedAt;
}

/** The same check for many addresses at once: a batch get per 100 hashes; hash → when it was erased, for those that were. */
export async function erasedAmong(addressHashes: readonly string[]): Promise<Map<string, string>> {
  const keys = [...new Set(addressHashes)].map((addressHash) => ({ addressHash }));
  const found = await batchGetAll(keys, (batch) => erasedAddress.get(batch).go({ attributes: ['addressHash', 'erasedAt'], preserveBatchOrder: false }));
  return new Map(found.map((item) => [item.addressHash, item.erasedAt] as const));
}
