import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../shared/domain/errors.js';
import type { ClusterEvent } from '../../../shared/domain/events/event.js';
import type { Invitee } from '../../../shared/domain/events/invitation.js';
import { invitationChunks, inviteInvitees, respondToInvitation, rsvpState, type RsvpDependencies } from '../../../shared/domain/events/rsvp.js';
import { fixedClock } from '../../../shared/platform/clock.js';
import { inMemoryEventStore } from '../../support/fakes/in-memory-event-store.js';
import { inMemoryInvitationStore } from '../../support/fakes/in-memory-invitation-store.js';

const event = (overrides: Partial<ClusterEvent> = {}): ClusterEvent => ({
  eventId: 'event-1',
  status: 'SCHEDULED',
  type: 'seminar',
  title: { pl: 'Seminarium', en: 'Seminar' },
  description: { pl: 'Opis', en: 'About' },
  startsAt: '2027-05-20T08:00:00.000Z',
  endsAt: '2027-05-20T11:00:00.000Z',
  rsvpDeadlineAt: '2027-05-13T21:59:00.000Z',
  venue: 'ul. Kuźnicza 10, Wrocław',
  capacity: 2,
  seatLimitPerMember: 1,
  audience: { scope: 'all' },
  extraInvitees: [],
  sequence: 3,
  version: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...overrides,
});

const person = (inviteeId: string, memberId?: string): Invitee => ({ inviteeId, email: `${inviteeId}@example.test`, name: inviteeId, language: 'en', ...(memberId ? { memberId } : {}) });

async function setup(overrides: Partial<ClusterEvent> = {}, people: Invitee[] = [person('a', 'm1'), person('b', 'm1'), person('c', 'm2'), person('x')]) {
  const events = inMemoryEventStore();
  await events.store.create(event(overrides), { entryId: 'audit', at: '', actor: { subject: 's' }, action: 'event.create', target: 'event/event-1' } as never);
  const invitations = inMemoryInvitationStore();
  const clock = fixedClock('2026-12-01T10:00:00Z');
  let token = 0;
  const issued: string[] = [];
  const deps: RsvpDependencies = {
    clock,
    ids: { newId: () => `id-${(token += 1)}`, newToken: () => issued[issued.push(`token-${token++}-long-enough`) - 1]! },
    store: events.store,
    invitations: invitations.store,
    publicBaseUrl: 'https://glokal.test',
    calendar: (_event, lang) => ({ filename: `${lang}.ics`, contentType: 'text/calendar; method=PUBLISH', content: 'BEGIN:VCALENDAR' }),
  };
  await inviteInvitees((await events.store.get('event-1'))!, people, deps);
  const tokenOf = (inviteeId: string) => issued[people.findIndex((one) => one.inviteeId === inviteeId)]!;
  const sent = () => invitations.messages.filter((message) => message.template !== 'event-invitation').map((message) => `${message.template}:${message.to}`);
  return { deps, clock, invitations, tokenOf, sent };
}

describe('inviteInvitees', () => {
  it('queues one invitation email per invitee with buttons and the .ics, and a second call queues none', async () => {
    const { deps, invitations } = await setup();
    const invitation = invitations.messages.find((message) => message.to === 'a@example.test')!;
    expect(invitation).toMatchObject({ template: 'event-invitation', messageId: 'event-invitation-event-1-a', attachments: [{ filename: 'en.ics' }] });
    expect(invitation.template === 'event-invitation' && invitation.data.acceptUrl).toMatch(/^https:\/\/glokal\.test\/rsvp\/token-\d+-long-enough\?response=accept$/);
    expect(await inviteInvitees((await deps.store.get('event-1'))!, [person('a', 'm1')], deps)).toEqual({ invited: 0, alreadyInvited: 1 });
    expect(invitations.messages.filter((message) => message.template === 'event-invitation')).toHaveLength(4);
  });

  it('makes the .ics once per language of a run, not once per invitee', async () => {
    const { deps } = await setup();
    const made: string[] = [];
    const people = Array.from({ length: 40 }, (_, index) => ({ ...person(`p${index}`), language: index % 3 ? ('pl' as const) : ('en' as const) }));
    const chunks = invitationChunks(event(), people, { ...deps, calendar: (_event, lang) => (made.push(lang), { filename: `${lang}.ics`, contentType: 'text/calendar', content: lang }) });
    expect(made.sort()).toEqual(['en', 'pl']);
    expect(chunks.flat().map(({ message }) => `${message.lang}:${message.attachments?.[0]?.filename}`)).toEqual(people.map(({ language }) => `${language}:${language}.ics`));
  });
});

describe('respondToInvitation', () => {
  it('seats an accept and confirms it; the same answer again changes and sends nothing', async () => {
    const { deps, tokenOf, sent } = await setup();
    expect(await respondToInvitation(tokenOf('a'), 'accept', deps)).toMatchObject({ changed: true, invitation: { answer: 'ACCEPTED' } });
    expect(await respondToInvitation(tokenOf('a'), 'accept', deps)).toMatchObject({ changed: false, invitation: { answer: 'ACCEPTED' } });
    expect(sent()).toEqual(['rsvp-confirmation:a@example.test']);
  });

  it('waitlists past the organisation’s limit and past capacity, telling the position; extra invitees count against no organisation', async () => {
    const { deps, tokenOf } = await setup();
    await respondToInvitation(tokenOf('a'), 'accept', deps);
    expect(await respondToInvitation(tokenOf('b'), 'accept', deps)).toMatchObject({ invitation: { answer: 'WAITLISTED' }, waitlistPosition: 1 });
    expect(await respondToInvitation(tokenOf('x'), 'accept', deps)).toMatchObject({ invitation: { answer: 'ACCEPTED' } });
    expect(await respondToInvitation(tokenOf('c'), 'accept', deps)).toMatchObject({ invitation: { answer: 'WAITLISTED' }, waitlistPosition: 2 });
    expect((await rsvpState(tokenOf('c'), deps)).waitlistPosition).toBe(2);
  });

  it('a decline after an accept promotes the first on the waitlist who fits, and tells them', async () => {
    const { deps, tokenOf, sent, clock } = await setup();
    await respondToInvitation(tokenOf('a'), 'accept', deps);
    await respondToInvitation(tokenOf('x'), 'accept', deps);
    clock.advance(1000);
    await respondToInvitation(tokenOf('b'), 'accept', deps); // waits for m1's one seat
    clock.advance(1000);
    await respondToInvitation(tokenOf('c'), 'accept', deps);
    await respondToInvitation(tokenOf('x'), 'decline', deps); // frees an event seat; b still cannot fit (m1 full), c can
    expect((await rsvpState(tokenOf('c'), deps)).invitation.answer).toBe('ACCEPTED');
    expect((await rsvpState(tokenOf('b'), deps)).invitation.answer).toBe('WAITLISTED');
    expect(sent()).toContain('waitlist-promoted:c@example.test');
  });

  it('after the deadline or for a cancelled event, nothing changes and nothing is sent', async () => {
    const late = await setup();
    late.clock.set('2027-05-14T00:00:00Z');
    expect(await respondToInvitation(late.tokenOf('a'), 'accept', late.deps)).toMatchObject({ changed: false, closed: 'deadline-passed', invitation: { answer: 'NONE' } });
    expect(late.sent()).toEqual([]);
    const cancelled = await setup({ status: 'CANCELLED' });
    expect(await respondToInvitation(cancelled.tokenOf('a'), 'decline', cancelled.deps)).toMatchObject({ changed: false, closed: 'cancelled' });
    expect(cancelled.sent()).toEqual([]);
  });

  it('an unknown link is not found', async () => {
    const { deps } = await setup();
    await expect(rsvpState('no-such-token-anywhere', deps)).rejects.toBeInstanceOf(NotFoundError);
  });
});
