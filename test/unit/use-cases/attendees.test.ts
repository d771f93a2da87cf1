import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../shared/domain/errors.js';
import { listAttendees, type AttendeeDependencies } from '../../../shared/domain/events/attendees.js';
import type { ClusterEvent } from '../../../shared/domain/events/event.js';
import type { Invitation } from '../../../shared/domain/events/invitation.js';

const event = { eventId: 'event-1' } as ClusterEvent;

const invitation = (inviteeId: string, overrides: Partial<Invitation> = {}): Invitation => ({
  eventId: 'event-1',
  inviteeId,
  email: `${inviteeId}@example.test`,
  name: inviteeId,
  language: 'pl',
  answer: 'NONE',
  invitedAt: '2026-12-01T10:00:00.000Z',
  version: 1,
  ...overrides,
});

function dependencies(invitations: Invitation[], names: Record<string, string> = {}) {
  const asked: string[][] = [];
  const deps: AttendeeDependencies = {
    store: { get: async (eventId) => (eventId === 'event-1' ? event : undefined) },
    invitations: { ofEvent: async (_eventId, answer) => invitations.filter((one) => answer === undefined || one.answer === answer) },
    organisations: {
      namesOf: async (memberIds) => {
        asked.push([...memberIds]);
        return new Map(memberIds.flatMap((id) => (names[id] ? [[id, names[id]] as const] : [])));
      },
    },
  };
  return { deps, asked };
}

const waitlisted = (inviteeId: string, waitlistedAt: string) => invitation(inviteeId, { answer: 'WAITLISTED', waitlistedAt, answeredAt: waitlistedAt });

describe('listAttendees', () => {
  it('ranks the waitlist by when each accept was recorded, then by invitee id within the same millisecond, as the waitlist index orders it', async () => {
    const { deps } = dependencies([
      waitlisted('zz', '2026-12-02T09:00:00.000Z'),
      waitlisted('b', '2026-12-02T08:00:00.000Z'),
      waitlisted('a', '2026-12-02T08:00:00.000Z'),
      invitation('seated', { answer: 'ACCEPTED', answeredAt: '2026-12-02T07:00:00.000Z' }),
    ]);
    const list = await listAttendees('event-1', undefined, deps);
    expect(list.map((one) => [one.inviteeId, one.waitlistPosition])).toEqual([
      ['seated', undefined],
      ['a', 1],
      ['b', 2],
      ['zz', 3],
    ]);
  });

  it('orders seated, waitlist, declines, no answer; within those by organisation in Polish order (extra invitees last), then name', async () => {
    const { deps, asked } = dependencies(
      [
        invitation('extra', { answer: 'ACCEPTED' }),
        invitation('lodz', { answer: 'ACCEPTED', memberId: 'm-lodz', name: 'Ewa' }),
        invitation('opole-2', { answer: 'ACCEPTED', memberId: 'm-opole', name: 'Łucja' }),
        invitation('opole-1', { answer: 'ACCEPTED', memberId: 'm-opole', name: 'Lena' }),
        invitation('silent', { memberId: 'm-lodz' }),
        invitation('no', { answer: 'DECLINED', memberId: 'm-opole' }),
      ],
      { 'm-lodz': 'Łódzkie Centrum', 'm-opole': 'Liceum w Opolu' },
    );
    const list = await listAttendees('event-1', undefined, deps);
    expect(list.map((one) => one.inviteeId)).toEqual(['opole-1', 'opole-2', 'lodz', 'extra', 'no', 'silent']);
    expect(list[0]).toMatchObject({ organisation: 'Liceum w Opolu', memberId: 'm-opole' });
    expect(list.find((one) => one.inviteeId === 'extra')).not.toHaveProperty('organisation');
    // Each organisation's name is asked for once.
    expect(asked).toEqual([['m-lodz', 'm-opole']]);
  });

  it('filters by answer without asking for names nobody needs, and refuses an unknown event', async () => {
    const { deps, asked } = dependencies([invitation('extra', { answer: 'DECLINED' }), invitation('member', { memberId: 'm1' })]);
    expect((await listAttendees('event-1', 'DECLINED', deps)).map((one) => one.inviteeId)).toEqual(['extra']);
    expect(asked).toEqual([]);
    await expect(listAttendees('no-such-event', undefined, deps)).rejects.toBeInstanceOf(NotFoundError);
  });
});
