import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain/audit/audit-entry.js';
import { eraseAddress } from '../../../shared/domain/data-subjects/erase-address.js';
import { exportAddress } from '../../../shared/domain/data-subjects/export-address.js';
import type { AddressHoldings, DataSubjectStore } from '../../../shared/domain/data-subjects/holdings.js';
import type { DataSubjectDependencies } from '../../../shared/domain/data-subjects/ports.js';
import { NotFoundError } from '../../../shared/domain/errors.js';
import type { Contact, Member, MemberAggregate } from '../../../shared/domain/members/member.js';
import { MemberChanged, type MemberChange } from '../../../shared/domain/members/ports.js';
import { fixedClock } from '../../../shared/platform/clock.js';
import { sequentialIds } from '../../support/fakes/in-memory-application-store.js';

const address = 'anna@szkola.example.pl';
const admin = { subject: 'sub-admin-1', email: 'admin@glokal.test' };

const nothing = (): AddressHoldings => ({
  address,
  addressHash: 'hash-1',
  applications: [],
  contacts: [],
  contactConfirmations: [],
  grantLinks: [],
  invitations: [],
  extraInvitations: [],
  outboxMessages: [],
  preferences: null,
  suppression: null,
  grantOptOuts: [],
  auditEntries: [],
});

const contact = (contactId: string, email: string): Contact => ({
  contactId,
  memberId: 'm1',
  name: `Name ${contactId}`,
  email,
  role: 'Dyrektor',
  language: 'pl',
  primary: contactId === 'c1',
  receives: ['events', 'grants'],
  status: 'CONFIRMED',
  createdAt: '2026-01-01T00:00:00.000Z',
});

function setup(holdings: AddressHoldings, options: { conflicts?: number } = {}) {
  const audits: AuditEntry[] = [];
  const erased: AddressHoldings[] = [];
  const saved: MemberChange[] = [];
  let aggregate: MemberAggregate = {
    member: { memberId: 'm1', name: 'Szkoła', version: 3, contactCount: 2 } as Member,
    contacts: [contact('c1', 'Anna@Szkola.example.pl'), contact('c2', 'jan@szkola.example.pl')],
  };
  let conflicts = options.conflicts ?? 0;
  const store: DataSubjectStore = {
    holdings: async (held, hash) => ({ ...holdings, address: held, addressHash: hash }),
    erase: async (held, _at, audit) => {
      erased.push(held);
      audits.push(audit);
      return { applications: held.applications.length };
    },
    recordExport: async (audit) => void audits.push(audit),
  };
  const deps: DataSubjectDependencies = {
    clock: fixedClock('2026-11-29T10:00:00Z'),
    ids: sequentialIds('id'),
    store,
    members: {
      load: async () => aggregate,
      save: async (change) => {
        if (conflicts > 0) {
          conflicts -= 1;
          throw new MemberChanged();
        }
        saved.push(change);
        aggregate = change.after;
      },
    },
    // A stand-in for the keyed hash: nothing of the address in it.
    addressHash: async (held) => `hash-${held.length}`,
  };
  return { deps, audits, erased, saved };
}

describe('exportAddress', () => {
  it('lists what is held, with consents by source, reminders among the messages and no link token hashes; audited by hash', async () => {
    const held: AddressHoldings = {
      ...nothing(),
      applications: [{ applicationId: 'a1', consents: { statute: { accepted: true, at: 't', textVersion: '2026-11', noticeVersion: '2026-11-29', lang: 'pl' } } }],
      contacts: [{ memberId: 'm1', memberName: 'Szkoła', contactId: 'c1', contact: { contactId: 'c1', consents: { marketing: { accepted: false, at: 't', textVersion: '2026-11', lang: 'pl' } } } }],
      contactConfirmations: [{ tokenHash: 'secret', memberId: 'm2' }],
      outboxMessages: [{ messageId: 'o1', template: 'event-reminder' }, { messageId: 'o2', template: 'application-approved' }, { messageId: 'o3', template: 'grant-reminder-digest' }],
      preferences: { email: address, tokenHash: 'secret', unsubscribed: [] },
    };
    const { deps, audits } = setup(held);
    const exported = await exportAddress(address, admin, deps);
    expect(exported.consents).toEqual([
      { source: 'application/a1', kind: 'statute', accepted: true, at: 't', textVersion: '2026-11', noticeVersion: '2026-11-29', lang: 'pl' },
      { source: 'member/m1/contact/c1', kind: 'marketing', accepted: false, at: 't', textVersion: '2026-11', lang: 'pl' },
    ]);
    expect(exported.remindersSent.map((message) => message.messageId)).toEqual(['o1', 'o3']);
    expect(exported.contactConfirmations).toEqual([{ memberId: 'm2' }]);
    expect(exported.preferences).toEqual({ email: address, unsubscribed: [] });
    expect(exported.contacts).toEqual([expect.objectContaining({ contactId: 'c1', memberId: 'm1', memberName: 'Szkoła' })]);
    expect(exported.backups).toMatch(/35 days/);
    expect(audits).toEqual([expect.objectContaining({ action: 'data-subject.export', target: `address/hash-${address.length}`, actor: { subject: 'sub-admin-1' } })]);
    expect(JSON.stringify(audits)).not.toContain('@');
  });

  it('is a 404 when nothing is held, and writes nothing; an earlier erasure alone is held', async () => {
    const empty = setup(nothing());
    await expect(exportAddress(address, admin, empty.deps)).rejects.toBeInstanceOf(NotFoundError);
    expect(empty.audits).toEqual([]);
    const erasedBefore = setup({ ...nothing(), erasure: { erasedAt: '2026-11-01T00:00:00.000Z' } });
    expect(await exportAddress(address, admin, erasedBefore.deps)).toMatchObject({ erasure: { erasedAt: '2026-11-01T00:00:00.000Z' }, applications: [] });
  });
});

describe('eraseAddress', () => {
  const holding = (): AddressHoldings => ({ ...nothing(), applications: [{ applicationId: 'a1' }], contacts: [{ memberId: 'm1', memberName: 'Szkoła', contactId: 'c1', contact: {} }] });

  it('takes the address’s contacts out of their member (in any case), then erases the rest with an audit entry naming the hash only', async () => {
    const { deps, audits, erased, saved } = setup(holding());
    const result = await eraseAddress(address, admin, deps);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.after.contacts.map((kept) => kept.contactId)).toEqual(['c2']);
    expect(saved[0]!.after.member).toMatchObject({ version: 4, contactCount: 1 });
    expect(saved[0]!.messages).toEqual([]);
    expect(erased).toHaveLength(1);
    expect(audits).toEqual([expect.objectContaining({ action: 'data-subject.erase', target: `address/hash-${address.length}`, before: expect.objectContaining({ applications: 1, contacts: 1, grantLinks: 0 }) })]);
    expect(JSON.stringify(audits)).not.toContain('@');
    expect(result).toEqual({ addressHash: `hash-${address.length}`, erasedAt: '2026-11-29T10:00:00.000Z', removed: { applications: 1, contacts: 1 }, backups: expect.stringMatching(/35 days/) });
  });

  it('reads a member again when an administrator changed it meanwhile, and gives up after three tries', async () => {
    const once = setup(holding(), { conflicts: 1 });
    expect((await eraseAddress(address, admin, once.deps)).removed.contacts).toBe(1);
    const always = setup(holding(), { conflicts: 3 });
    await expect(eraseAddress(address, admin, always.deps)).rejects.toBeInstanceOf(MemberChanged);
    expect(always.erased).toEqual([]);
  });

  it('is a 404 for an address nothing is held about, and erases nothing', async () => {
    const { deps, erased, saved } = setup(nothing());
    await expect(eraseAddress(address, admin, deps)).rejects.toBeInstanceOf(NotFoundError);
    expect(erased).toEqual([]);
    expect(saved).toEqual([]);
  });
});
