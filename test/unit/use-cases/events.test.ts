import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/domain/errors.js';
import { cancelEvent } from '../../../shared/domain/events/cancel-event.js';
import { createEvent, type EventDependencies } from '../../../shared/domain/events/create-event.js';
import type { EventInput } from '../../../shared/domain/events/event.js';
import { StaleEvent } from '../../../shared/domain/events/errors.js';
import { eventView } from '../../../shared/domain/events/event-view.js';
import { findEvent, listEvents } from '../../../shared/domain/events/queries.js';
import { updateEvent } from '../../../shared/domain/events/update-event.js';
import { fixedClock } from '../../../shared/platform/clock.js';
import { inMemoryEventStore } from '../../support/fakes/in-memory-event-store.js';
import { sequentialIds } from '../../support/fakes/in-memory-application-store.js';

const admin = { subject: 'sub-admin-1', email: 'admin@glokal.test' };

const input = (overrides: Partial<EventInput> = {}): EventInput => ({
  title: { pl: 'Konferencja Przemysł 4.0', en: 'Industry 4.0 conference' },
  description: { pl: 'Panele i warsztaty.', en: 'Panels and workshops.' },
  type: 'conference',
  start: '2027-01-21T10:00',
  end: '2027-01-21T15:00',
  rsvpDeadline: '2027-01-14T23:59',
  venue: 'Wrocławskie Centrum Kongresowe, ul. Wystawowa 1, Wrocław',
  capacity: 50,
  audience: { scope: 'segment', memberTypes: ['school'], interests: ['industry_4_0'] },
  extraInvitees: [{ email: 'partner@example.de', name: 'Hans Partner', language: 'en' }],
  ...overrides,
});

function setup() {
  const fake = inMemoryEventStore();
  const clock = fixedClock('2026-11-20T09:00:00Z');
  const deps: EventDependencies = { clock, ids: sequentialIds('id'), store: fake.store };
  return { ...fake, clock, deps };
}

/** The fields a refusal names, or [] if the call succeeded. */
async function refusedFields(call: Promise<unknown>): Promise<string[]> {
  try {
    await call;
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields.map((field) => field.path);
  }
}

describe('createEvent', () => {
  it('stores a SCHEDULED event at sequence 0, version 1, with times in UTC and the audit entry naming people by id', async () => {
    const { deps, events, audit } = setup();
    const event = await createEvent(input({ start: '2027-06-10T10:00', end: '2027-06-10T12:30', rsvpDeadline: '2027-06-01T12:00' }), admin, deps);
    expect(event).toMatchObject({ eventId: 'id-1', status: 'SCHEDULED', sequence: 0, version: 1, createdAt: '2026-11-20T09:00:00.000Z' });
    // CEST in June: UTC+2.
    expect(event).toMatchObject({ startsAt: '2027-06-10T08:00:00.000Z', endsAt: '2027-06-10T10:30:00.000Z', rsvpDeadlineAt: '2027-06-01T10:00:00.000Z' });
    expect(event.extraInvitees).toEqual([{ inviteeId: 'id-2', email: 'partner@example.de', name: 'Hans Partner', language: 'en' }]);
    expect(events.get('id-1')).toEqual(event);
    expect(audit).toEqual([expect.objectContaining({ auditId: 'id-3', action: 'event.create', target: 'event/id-1', actor: { subject: 'sub-admin-1' }, before: null })]);
    expect(JSON.stringify(audit)).not.toContain('partner@example.de');
    expect(JSON.stringify(audit)).not.toContain('Hans Partner');
    expect((audit[0]!.after as { extraInvitees: string[] }).extraInvitees).toEqual(['id-2']);
  });

  it('shows the times back as Warsaw local times (CET in winter)', async () => {
    const { deps } = setup();
    const view = eventView(await createEvent(input(), admin, deps));
    expect(view).toMatchObject({ start: '2027-01-21T10:00', end: '2027-01-21T15:00', rsvpDeadline: '2027-01-14T23:59', timeZone: 'Europe/Warsaw', startsAt: '2027-01-21T09:00:00.000Z' });
  });

  it.each([
    ['end before the start', { end: '2027-01-21T09:00' }, ['end']],
    ['end at the start', { end: '2027-01-21T10:00' }, ['end']],
    ['RSVP deadline after the start', { rsvpDeadline: '2027-01-22T09:00' }, ['rsvpDeadline']],
    ['RSVP deadline at the start', { rsvpDeadline: '2027-01-21T10:00' }, ['rsvpDeadline']],
    ['a start the clocks skip (spring forward, 2027-03-28)', { start: '2027-03-28T02:30', end: '2027-03-28T05:00', rsvpDeadline: '2027-03-20T12:00' }, ['start']],
    ['a start the clocks show twice (fall back, 2026-10-25)', { start: '2026-10-25T02:30', end: '2026-10-25T05:00', rsvpDeadline: '2026-10-20T12:00' }, ['start']],
    ['a deadline the clocks show twice', { start: '2026-10-26T10:00', end: '2026-10-26T12:00', rsvpDeadline: '2026-10-25T02:30' }, ['rsvpDeadline']],
    ['an end the clocks skip', { start: '2027-03-28T01:00', end: '2027-03-28T02:15', rsvpDeadline: '2027-03-20T12:00' }, ['end']],
    ['a date that does not exist', { start: '2027-02-30T10:00' }, ['start']],
    ['neither venue nor online link', { venue: undefined }, ['venue']],
    ['a seat limit above the capacity', { capacity: 10, seatLimitPerMember: 11 }, ['seatLimitPerMember']],
    ['a segment that selects nothing', { audience: { scope: 'segment', memberTypes: [], interests: [] } }, ['audience']],
    [
      'an address listed twice',
      { extraInvitees: [{ email: 'a@example.de', name: 'A', language: 'pl' }, { email: 'A@Example.de', name: 'A2', language: 'en' }] },
      ['extraInvitees.1.email'],
    ],
  ] as Array<[string, Partial<EventInput>, string[]]>)('refuses %s, naming the field, and writes nothing', async (_what, overrides, fields) => {
    const { deps, events, audit } = setup();
    expect(await refusedFields(createEvent(input(overrides), admin, deps))).toEqual(fields);
    expect(events.size).toBe(0);
    expect(audit).toHaveLength(0);
  });

  it('names every failing field at once', async () => {
    const { deps } = setup();
    const fields = await refusedFields(createEvent(input({ start: '2027-03-28T02:00', end: '2026-10-25T02:59', rsvpDeadline: 'soon', venue: undefined }), admin, deps));
    expect(fields).toEqual(['start', 'end', 'rsvpDeadline', 'venue']);
  });

  it('accepts an online event, and the times either side of both DST changes', async () => {
    const { deps } = setup();
    const online = await createEvent(input({ venue: undefined, onlineUrl: 'https://meet.example.pl/glokal', start: '2027-03-28T03:00', end: '2027-03-28T04:00', rsvpDeadline: '2027-03-28T01:59' }), admin, deps);
    expect(online).toMatchObject({ startsAt: '2027-03-28T01:00:00.000Z', rsvpDeadlineAt: '2027-03-28T00:59:00.000Z', onlineUrl: 'https://meet.example.pl/glokal' });
    const autumn = await createEvent(input({ start: '2026-10-25T03:00', end: '2026-10-25T04:00', rsvpDeadline: '2026-10-25T01:59' }), admin, deps);
    expect(autumn).toMatchObject({ startsAt: '2026-10-25T02:00:00.000Z', rsvpDeadlineAt: '2026-10-24T23:59:00.000Z' });
  });
});

describe('updateEvent', () => {
  async function created() {
    const context = setup();
    const event = await createEvent(input(), admin, context.deps);
    context.audit.length = 0;
    context.clock.advance(3_600_000);
    return { ...context, event };
  }

  it('a change of time raises the sequence and the version, and is audited with what changed', async () => {
    const { deps, events, audit, event } = await created();
    const updated = await updateEvent(event.eventId, { start: '2027-01-21T11:00', end: '2027-01-21T16:00' }, admin, deps);
    expect(updated).toMatchObject({ sequence: 1, version: 2, startsAt: '2027-01-21T10:00:00.000Z', endsAt: '2027-01-21T15:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z' });
    expect(events.get(event.eventId)).toEqual(updated);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'event.update',
        target: `event/${event.eventId}`,
        actor: { subject: 'sub-admin-1' },
        before: { startsAt: '2027-01-21T09:00:00.000Z', endsAt: '2027-01-21T14:00:00.000Z', sequence: 0, version: 1 },
        after: { startsAt: '2027-01-21T10:00:00.000Z', endsAt: '2027-01-21T15:00:00.000Z', sequence: 1, version: 2 },
      }),
    ]);
  });

  it.each([
    ['the venue', { venue: 'Hala Stulecia, ul. Wystawowa 1, Wrocław' }],
    ['the online link', { onlineUrl: 'https://meet.example.pl/new' }],
    ['the end', { end: '2027-01-21T17:00' }],
  ] as const)('a change of %s raises the sequence', async (_what, changes) => {
    const { deps, event } = await created();
    expect(await updateEvent(event.eventId, changes, admin, deps)).toMatchObject({ sequence: 1, version: 2 });
  });

  it('other changes raise the version only', async () => {
    const { deps, event } = await created();
    const updated = await updateEvent(event.eventId, { title: { pl: 'Nowy tytuł', en: 'New title' }, capacity: 80, rsvpDeadline: '2027-01-15T12:00', audience: { scope: 'all' } }, admin, deps);
    expect(updated).toMatchObject({ sequence: 0, version: 2, capacity: 80, audience: { scope: 'all' }, title: { pl: 'Nowy tytuł', en: 'New title' } });
  });

  it('a change that changes nothing writes nothing', async () => {
    const { deps, audit, event } = await created();
    const same = await updateEvent(event.eventId, { start: '2027-01-21T10:00', venue: event.venue, title: { en: event.title.en, pl: event.title.pl } }, admin, deps);
    expect(same).toEqual(event);
    expect(audit).toHaveLength(0);
  });

  it('judges a changed time against the stored ones, naming the field that was changed', async () => {
    const { deps, events, event } = await created();
    expect(await refusedFields(updateEvent(event.eventId, { end: '2027-01-21T09:00' }, admin, deps))).toEqual(['end']);
    expect(await refusedFields(updateEvent(event.eventId, { start: '2027-01-21T16:00' }, admin, deps))).toEqual(['start']);
    expect(await refusedFields(updateEvent(event.eventId, { start: '2027-01-10T10:00', end: '2027-01-10T12:00' }, admin, deps))).toEqual(['start']);
    expect(await refusedFields(updateEvent(event.eventId, { rsvpDeadline: '2027-01-21T10:30' }, admin, deps))).toEqual(['rsvpDeadline']);
    expect(await refusedFields(updateEvent(event.eventId, { start: '2026-10-25T02:30' }, admin, deps))).toEqual(['start']);
    expect(await refusedFields(updateEvent(event.eventId, { capacity: 5, seatLimitPerMember: 6 }, admin, deps))).toEqual(['seatLimitPerMember']);
    expect(events.get(event.eventId)).toEqual(event);
  });

  it('null removes an optional field, but a venue or a link must remain', async () => {
    const { deps, event } = await created();
    expect(await refusedFields(updateEvent(event.eventId, { venue: null }, admin, deps))).toEqual(['venue']);
    const online = await updateEvent(event.eventId, { venue: null, onlineUrl: 'https://meet.example.pl/x' }, admin, deps);
    expect(online).not.toHaveProperty('venue');
    expect(online).toMatchObject({ onlineUrl: 'https://meet.example.pl/x', sequence: 1 });
    expect(await refusedFields(updateEvent(event.eventId, { onlineUrl: null }, admin, deps))).toEqual(['onlineUrl']);
  });

  it('keeps the id of a partner whose address stays on the list (whatever its case), and gives a new one an id', async () => {
    const { deps, event } = await created();
    const updated = await updateEvent(
      event.eventId,
      { extraInvitees: [{ email: 'PARTNER@example.de', name: 'Hans P.', language: 'en' }, { email: 'new@example.cz', name: 'Jana Nová', language: 'en' }] },
      admin,
      deps,
    );
    expect(updated.extraInvitees.map((invitee) => invitee.inviteeId)).toEqual([event.extraInvitees[0]!.inviteeId, expect.any(String)]);
    expect(updated.extraInvitees[1]!.inviteeId).not.toBe(event.extraInvitees[0]!.inviteeId);
  });

  it('is refused from a version that is no longer current (STALE_EVENT at version), writing nothing', async () => {
    const { deps, events, event } = await created();
    await updateEvent(event.eventId, { capacity: 60, version: 1 }, admin, deps);
    const refusal = updateEvent(event.eventId, { capacity: 70, version: 1 }, admin, deps);
    await expect(refusal).rejects.toBeInstanceOf(ConflictError);
    await expect(refusal).rejects.toMatchObject({ code: 'STALE_EVENT', fields: [{ path: 'version' }] });
    expect(events.get(event.eventId)!.capacity).toBe(60);
  });

  it('loses a race with a concurrent change with STALE_EVENT', async () => {
    const { deps, store, event } = await created();
    store.update = async () => {
      throw new StaleEvent();
    };
    await expect(updateEvent(event.eventId, { capacity: 70 }, admin, deps)).rejects.toMatchObject({ code: 'STALE_EVENT' });
  });

  it('is refused for an unknown id and for a cancelled event', async () => {
    const { deps, event } = await created();
    await expect(updateEvent('nope', { capacity: 3 }, admin, deps)).rejects.toBeInstanceOf(NotFoundError);
    await cancelEvent(event.eventId, {}, admin, deps);
    await expect(updateEvent(event.eventId, { capacity: 3 }, admin, deps)).rejects.toMatchObject({ code: 'EVENT_CANCELLED' });
  });
});

describe('cancelEvent', () => {
  it('marks the event CANCELLED, raises its sequence and version, and audits it', async () => {
    const { deps, events, audit } = setup();
    const event = await createEvent(input(), admin, deps);
    const cancelled = await cancelEvent(event.eventId, { reason: 'Prelegent odwołał udział.' }, admin, deps);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', sequence: 1, version: 2, cancelledAt: '2026-11-20T09:00:00.000Z', cancellationReason: 'Prelegent odwołał udział.' });
    expect(events.get(event.eventId)).toEqual(cancelled);
    expect(audit.at(-1)).toMatchObject({ action: 'event.cancel', actor: { subject: 'sub-admin-1' }, before: { status: 'SCHEDULED', sequence: 0, version: 1 }, after: { status: 'CANCELLED', sequence: 1, version: 2 } });
  });

  it('twice is refused with ALREADY_CANCELLED, also when another administrator won the race', async () => {
    const { deps, store } = setup();
    const event = await createEvent(input(), admin, deps);
    const read = await store.get(event.eventId);
    await cancelEvent(event.eventId, {}, admin, deps);
    await expect(cancelEvent(event.eventId, {}, admin, deps)).rejects.toMatchObject({ code: 'ALREADY_CANCELLED' });
    // The race: this request read the event before the other cancelled it.
    const get = store.get;
    let reads = 0;
    store.get = async (id) => (reads++ === 0 ? read : get(id));
    await expect(cancelEvent(event.eventId, {}, admin, deps)).rejects.toMatchObject({ code: 'ALREADY_CANCELLED' });
  });

  it('is refused for an unknown id', async () => {
    const { deps } = setup();
    await expect(cancelEvent('nope', {}, admin, deps)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('listEvents', () => {
  it('starts today (Warsaw) without a from date, nearest first', async () => {
    const { deps, store, clock } = setup();
    clock.set('2026-11-20T23:30:00Z'); // already 21 November in Warsaw
    const seen: unknown[] = [];
    const list = store.list;
    store.list = async (listing) => (seen.push(listing), list(listing));
    await listEvents({ limit: 25 }, deps);
    expect(seen).toEqual([{ startsFrom: new Date('2026-11-20T23:00:00.000Z'), limit: 25 }]);
  });

  it('reads whole Warsaw days from from to to, across a DST change', async () => {
    const { deps, store } = setup();
    const seen: unknown[] = [];
    store.list = async (listing) => (seen.push(listing), { items: [] });
    await listEvents({ from: '2027-03-28', to: '2027-03-28', status: 'SCHEDULED', limit: 5, cursor: 'c' }, deps);
    expect(seen).toEqual([{ startsFrom: new Date('2027-03-27T23:00:00.000Z'), startsBefore: new Date('2027-03-28T22:00:00.000Z'), status: 'SCHEDULED', limit: 5, cursor: 'c' }]);
  });

  it('lists the events of the range by start time', async () => {
    const { deps } = setup();
    const late = await createEvent(input({ start: '2027-02-10T10:00', end: '2027-02-10T12:00' }), admin, deps);
    const early = await createEvent(input(), admin, deps);
    await createEvent(input({ start: '2027-03-10T10:00', end: '2027-03-10T12:00' }), admin, deps);
    const page = await listEvents({ from: '2027-01-01', to: '2027-02-10', limit: 10 }, deps);
    expect(page.items.map((event) => event.eventId)).toEqual([early.eventId, late.eventId]);
  });

  it('refuses a to date before from, naming to', async () => {
    const { deps } = setup();
    expect(await refusedFields(listEvents({ from: '2027-02-01', to: '2027-01-31', limit: 5 }, deps))).toEqual(['to']);
    expect(await refusedFields(listEvents({ to: '2026-01-31', limit: 5 }, deps))).toEqual(['to']);
  });
});

describe('findEvent', () => {
  it('reads the event with its invitation runs and the mail runs of its partition', async () => {
    const { deps } = setup();
    const event = await createEvent(input(), admin, deps);
    const scopes: string[] = [];
    const found = await findEvent(event.eventId, {
      store: deps.store,
      invitationRuns: { listForEvent: async (eventId) => [{ runId: `invitations-of-${eventId}` } as never] },
      mailRuns: { list: async (scope) => (scopes.push(scope), [{ runId: 'update-2' } as never]) },
    });
    expect(found).toEqual({ event, invitationRuns: [{ runId: `invitations-of-${event.eventId}` }], mailRuns: [{ runId: 'update-2' }] });
    expect(scopes).toEqual([`EVENT#${event.eventId}`]);
  });

  it('is refused for an unknown id, reading no runs', async () => {
    const { deps } = setup();
    const unread = async () => expect.unreachable('no runs are read for an unknown event');
    await expect(findEvent('nope', { store: deps.store, invitationRuns: { listForEvent: unread }, mailRuns: { list: unread } })).rejects.toBeInstanceOf(NotFoundError);
  });
});
