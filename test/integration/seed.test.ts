import { describe, expect, it } from 'vitest';
import { demoMembers } from '../../scripts/seed-data.js';
import { seedDemoData } from '../../scripts/seed-writer.js';
import { isValidNip } from '../../shared/domain/organisations/identifiers.js';
import { organisationTypeCodes } from '../../shared/domain/organisations/reference-data.js';
import { useLocalApi } from '../support/local-api.js';
import { tableDump } from '../support/table-dump.js';

const api = useLocalApi();
const shape = { seed: 7, members: 40, contacts: 120 };

describe('npm run seed', () => {
  it('makes the same invented Lower Silesian members for the same seed: every type, valid NIPs, contacts in both languages, other people for another seed', () => {
    const batch = demoMembers(shape);
    expect(demoMembers(shape)).toEqual(batch);
    expect(batch.members).toHaveLength(40);
    expect(batch.contacts).toHaveLength(120);
    expect(new Set(batch.members.map((member) => member.type)).size).toBeGreaterThanOrEqual(5);
    expect(batch.members.every((member) => isValidNip(member.nip!) && member.organisationIdentity === `PL-NIP-${member.nip}`)).toBe(true);
    expect(new Set(batch.members.map((member) => member.nip)).size).toBe(40);
    expect(new Set(batch.contacts.map((contact) => contact.email)).size).toBe(120);
    expect(new Set(batch.contacts.map((contact) => contact.language))).toEqual(new Set(['pl', 'en']));
    expect(batch.members.every((member) => batch.contacts.filter((contact) => contact.memberId === member.memberId).length === member.contactCount)).toBe(true);
    expect(batch.members.every((member) => member.address.voivodeship === 'dolnoslaskie')).toBe(true);
    expect(organisationTypeCodes).toEqual(expect.arrayContaining([...new Set(demoMembers({ seed: 1, members: 300, contacts: 300 }).members.map((member) => member.type))]));
    expect(demoMembers({ ...shape, seed: 8 }).members[0]!.memberId).not.toBe(batch.members[0]!.memberId);
  });

  it('writes members the admin API lists and finds by name and NIP, events and funding calls through their use cases; a second run with the same seed writes nothing new', { timeout: 60_000 }, async () => {
    const first = await seedDemoData(shape);
    expect(first).toEqual({ members: 40, contacts: 120, events: { created: 3, existing: 0 }, calls: { created: 7, existing: 0 } });
    const before = await tableDump();

    const second = await seedDemoData(shape);
    expect(second.events).toEqual({ created: 0, existing: 3 });
    expect(second.calls).toEqual({ created: 0, existing: 7 });
    expect(await tableDump()).toEqual(before);

    const member = demoMembers(shape).members[3]!;
    const byNip = await api.call('GET', `/admin/members?q=${member.nip}`, { role: 'viewer' });
    expect(byNip.json.items.map((item: { memberId: string }) => item.memberId)).toEqual([member.memberId]);
    const byName = await api.call('GET', `/admin/members?q=${encodeURIComponent(member.name.split(' ')[0]!.toLowerCase())}`, { role: 'viewer' });
    expect(byName.json.items.map((item: { memberId: string }) => item.memberId)).toContain(member.memberId);

    const events = await api.call('GET', '/admin/events', { role: 'viewer' });
    expect(events.status).toBe(200);
    expect(events.json.items.map((event: { title: { pl: string } }) => event.title.pl)).toContain('Forum Kształcenia Zawodowego Dolnego Śląska');
    const calls = await api.call('GET', '/admin/grants', { role: 'viewer' });
    expect(calls.json.items.map((call: { programme: string }) => call.programme)).toEqual(expect.arrayContaining(['Erasmus+', 'Interreg Central Europe', 'FEnIKS', 'Fundusze Europejskie dla Dolnego Śląska']));
  });
});
