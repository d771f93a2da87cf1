import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { config } from '../../shared/config.js';
import { invite, invitee, scheduledEvent, seatsTaken, storedInvitation } from '../support/invitations.js';
import { useLocalApi } from '../support/local-api.js';

const api = useLocalApi();

/** The event's invitations as stored. */
async function invitationsOf(eventId: string) {
  const items: Record<string, any>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: config.TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': `EVENT#${eventId}`, ':sk': 'INVITATION#' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const waitlistOrder = (items: Record<string, any>[]) =>
  items.filter((item) => item.answer === 'WAITLISTED').sort((a, b) => `${a.waitlistedAt}#${a.inviteeId}`.localeCompare(`${b.waitlistedAt}#${b.inviteeId}`));

const positionOn = (page: string) => Number(/data-waitlist-position>(\d+)</.exec(page)?.[1]);

describe('many accepts at once', () => {
  it('seats exactly the capacity, waitlists the rest in the order recorded, never answers 5xx; 30 declines promote exactly the first 30', { timeout: 180_000 }, async () => {
    const eventId = await scheduledEvent(api.call, { capacity: 50 });
    const people = Array.from({ length: 200 }, (_, index) => invitee(`c${String(index).padStart(3, '0')}`, { memberId: `m${index}` }));
    const tokens = await invite(eventId, people);

    const answers = await Promise.all(people.map((person) => api.call('POST', `/rsvp/${tokens.get(person.inviteeId)}`, { form: { response: 'accept' } })));
    expect(answers.map((answer) => answer.status).filter((status) => status !== 200)).toEqual([]);

    const stored = await invitationsOf(eventId);
    expect(stored.filter((item) => item.answer === 'ACCEPTED')).toHaveLength(50);
    const waitlist = waitlistOrder(stored);
    expect(waitlist).toHaveLength(150);
    expect(await seatsTaken(eventId)).toBe(50);

    // Each page tells the current rank, strictly in the order the accepts were recorded.
    const sample = [0, 1, 74, 149];
    for (const rank of sample) {
      const page = await api.call('GET', `/rsvp/${tokens.get(waitlist[rank]!.inviteeId)}`);
      expect(positionOn(page.text)).toBe(rank + 1);
    }

    const accepted = stored.filter((item) => item.answer === 'ACCEPTED').slice(0, 30);
    const declines = await Promise.all(accepted.map((item) => api.call('POST', `/rsvp/${tokens.get(item.inviteeId)}`, { json: { response: 'decline' } })));
    expect(declines.map((answer) => answer.status).filter((status) => status !== 200)).toEqual([]);

    const after = await invitationsOf(eventId);
    const promoted = new Set(waitlist.slice(0, 30).map((item) => item.inviteeId));
    const nowAccepted = after.filter((item) => item.answer === 'ACCEPTED');
    expect(nowAccepted).toHaveLength(50);
    expect(nowAccepted.filter((item) => promoted.has(item.inviteeId))).toHaveLength(30);
    expect(waitlistOrder(after).map((item) => item.inviteeId)).toEqual(waitlist.slice(30).map((item) => item.inviteeId));
    expect(after.filter((item) => item.answer === 'DECLINED')).toHaveLength(30);
    expect(await seatsTaken(eventId)).toBe(50);
    const first = await api.call('GET', `/rsvp/${tokens.get(waitlist[30]!.inviteeId)}`);
    expect(positionOn(first.text)).toBe(1);
  });

  it('holds the per-organisation seat limit under concurrency; extra invitees count against no organisation', { timeout: 60_000 }, async () => {
    const eventId = await scheduledEvent(api.call, { capacity: 100, seatLimitPerMember: 3 });
    const colleagues = Array.from({ length: 20 }, (_, index) => invitee(`a${index}`, { memberId: 'member-a' }));
    const others = Array.from({ length: 4 }, (_, index) => invitee(`b${index}`, { memberId: 'member-b' }));
    const partners = Array.from({ length: 6 }, (_, index) => invitee(`x${index}`));
    const everyone = [...colleagues, ...others, ...partners];
    const tokens = await invite(eventId, everyone);

    const answers = await Promise.all(everyone.map((person) => api.call('POST', `/rsvp/${tokens.get(person.inviteeId)}`, { form: { response: 'accept' } })));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);

    const stored = await invitationsOf(eventId);
    const answerOf = (prefix: string, answer: string) => stored.filter((item) => item.inviteeId.startsWith(prefix) && item.answer === answer).length;
    expect([answerOf('a', 'ACCEPTED'), answerOf('a', 'WAITLISTED')]).toEqual([3, 17]);
    expect([answerOf('b', 'ACCEPTED'), answerOf('b', 'WAITLISTED')]).toEqual([3, 1]);
    expect(answerOf('x', 'ACCEPTED')).toBe(6);
    expect(await seatsTaken(eventId, 'MEMBER#member-a')).toBe(3);
    expect(await seatsTaken(eventId)).toBe(12);

    // A partner's decline frees an event seat, but no organisation's: the next of member-a still waits.
    const partner = stored.find((item) => item.inviteeId === 'x0')!;
    expect((await api.call('POST', `/rsvp/${tokens.get(partner.inviteeId)}`, { form: { response: 'decline' } })).status).toBe(200);
    expect(answerOf('a', 'WAITLISTED')).toBe(17);
    const firstWaitingOfA = waitlistOrder(await invitationsOf(eventId)).find((item) => item.memberId === 'member-a')!;
    expect(firstWaitingOfA.answer).toBe('WAITLISTED');
    // A colleague's decline passes the seat to the first of their organisation waiting.
    const seatedOfA = (await invitationsOf(eventId)).find((item) => item.memberId === 'member-a' && item.answer === 'ACCEPTED')!;
    expect((await api.call('POST', `/rsvp/${tokens.get(seatedOfA.inviteeId)}`, { form: { response: 'decline' } })).status).toBe(200);
    expect((await storedInvitation(eventId, firstWaitingOfA.inviteeId))?.answer).toBe('ACCEPTED');
    expect(await seatsTaken(eventId, 'MEMBER#member-a')).toBe(3);
  });
});
