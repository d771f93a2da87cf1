import type { Actor } from '../actor.js';
import { auditEntry } from '../audit/audit-entry.js';
import { NotFoundError } from '../errors.js';
import { nextAggregate } from '../members/changes.js';
import { MemberChanged } from '../members/ports.js';
import { holdingCounts } from './export-address.js';
import { backupNotice, holdsAnything } from './holdings.js';
import type { DataSubjectDependencies } from './ports.js';

const memberAttempts = 3;

/** Removes the address's contacts from one member, as member upkeep removes a contact (lookups, count and version with it). */
async function removeContacts(memberId: string, address: string, now: Date, deps: DataSubjectDependencies): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    const before = await deps.members.load(memberId);
    if (!before) return 0;
    const kept = before.contacts.filter((contact) => contact.email.trim().toLowerCase() !== address);
    const removed = before.contacts.length - kept.length;
    if (removed === 0) return 0;
    try {
      await deps.members.save({ before, after: nextAggregate(before, before.member, kept, now), messages: [], now });
      return removed;
    } catch (error) {
      // An administrator changed the member meanwhile: read it again.
      if (!(error instanceof MemberChanged) || attempt >= memberAttempts) throw error;
    }
  }
}

/**
 * `POST /admin/contacts/{email}/erase` (GDPR Art. 17): the address's
 * contacts leave their members, then everything else is removed or
 * anonymised (store.erase), and the last transaction keeps only a
 * suppression by the address's keyed hash (so it is not mailed again by
 * accident) and the audit entry naming it by that hash alone. Every step is
 * idempotent, so an erasure cut short is completed by asking again.
 */
export async function eraseAddress(address: string, actor: Actor, deps: DataSubjectDependencies) {
  const holdings = await deps.store.holdings(address, await deps.addressHash(address));
  if (!holdsAnything(holdings)) throw new NotFoundError('Nothing is held about this address.');
  const now = deps.clock.now();
  const memberIds = [...new Set(holdings.contacts.map(({ memberId }) => memberId))];
  let contacts = 0;
  for (const memberId of memberIds) contacts += await removeContacts(memberId, address, now, deps);
  const audit = auditEntry({
    id: deps.ids.newId(),
    at: now,
    actor,
    action: 'data-subject.erase',
    target: `address/${holdings.addressHash}`,
    before: holdingCounts(holdings),
    after: { suppressedByHash: true },
  });
  const removed = await deps.store.erase(holdings, now, audit);
  return { addressHash: holdings.addressHash, erasedAt: now.toISOString(), removed: { ...removed, contacts }, backups: backupNotice };
}
