import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { fanOutRepository } from '../../shared/adapters/dynamo/fan-out-repository.js';
import { recipientRepository } from '../../shared/adapters/dynamo/recipient-repository.js';
import { fanOutDependencies } from '../../shared/composition/fan-out.js';
import { config } from '../../shared/config.js';
import { updateNoticeKind } from '../../shared/domain/events/event-notices.js';
import { hashToken } from '../../shared/platform/ids.js';
import { newFanOutRun, runFanOutStep } from '../../shared/domain/fanout/run-fan-out.js';
import { invite, invitee, scheduledEvent } from '../support/invitations.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail, waitForEmails, type SentEmail } from '../support/mailbox.js';
import { useMailer } from '../support/stream-poller.js';

/*
 * Change and cancellation notices (issue 10, item 7) through the real path:
 * the admin API writes the event's change with its notice run, the table
 * stream brings the run to the fan-out runner, and the mailer sends what it
 * queued to local SES.
 */

const api = useLocalApi();
useMailer();

type Answer = 'ACCEPTED' | 'WAITLISTED' | 'NONE' | 'DECLINED';

/** An event of capacity 1 with one invitee per answer: the first accept is seated, the second waitlisted. */
async function eventWithEveryAnswer(label: string) {
  const eventId = await scheduledEvent(api.call, { capacity: 1 });
  const people = {
    ACCEPTED: invitee(`${label}-accepted`, { email: uniqueEmail(`${label}-accepted`), language: 'en' }),
    WAITLISTED: invitee(`${label}-waitlisted`, { email: uniqueEmail(`${label}-waitlisted`), language: 'pl' }),
    NONE: invitee(`${label}-none`, { email: uniqueEmail(`${label}-none`), language: 'en' }),
    DECLINED: invitee(`${label}-declined`, { email: uniqueEmail(`${label}-declined`), language: 'en' }),
  } satisfies Record<Answer, ReturnType<typeof invitee>>;
  const tokens = await invite(eventId, Object.values(people));
  const answer = async (who: Answer, response: string) => expect((await api.call('POST', `/rsvp/${tokens.get(people[who].inviteeId)}`, { json: { response } })).status).toBe(200);
  await answer('ACCEPTED', 'accept');
  await answer('WAITLISTED', 'accept');
  await answer('DECLINED', 'decline');
  return { eventId, people };
}

/** Waits until the event's notice run has ended, as `GET /admin/events/{id}` shows it. */
async function endedRun(eventId: string, runId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const read = await api.call('GET', `/admin/events/${eventId}`, { role: 'viewer' });
    const run = (read.json.mailRuns as Array<Record<string, any>>).find((candidate) => candidate.runId === runId);
    if ((run && run.status !== 'RUNNING') || Date.now() > deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function calendarOf(email: SentEmail) {
  const ics = email.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'));
  expect(ics, 'an .ics attachment').toBeDefined();
  const calendar = new ICAL.Component(ICAL.parse(Buffer.from(ics!.content, 'base64').toString('utf8')));
  return { contentType: ics!.contentType, calendar, vevent: calendar.getFirstSubcomponent('vevent')! };
}

const isUpdate = (email: SentEmail) => /^(Changed time or place|Zmiana terminu lub miejsca):/.test(email.subject);
const isCancellation = (email: SentEmail) => /^(Cancelled|Odwołane):/.test(email.subject);

/** Every outbox message queued for an event's invitee by one run (ids are per event, run and invitee). */
async function queuedByRun(eventId: string, runId: string, inviteeIds: string[]) {
  const found: string[] = [];
  for (const inviteeId of inviteeIds) {
    const messageId = `event-${eventId}-${runId}-${inviteeId}`;
    const { Items = [] } = await documentClient.send(
      new QueryCommand({ TableName: config.TABLE_NAME, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `OUTBOX#${messageId}` }, ConsistentRead: true }),
    );
    if (Items.length > 0) found.push(inviteeId);
  }
  return found;
}

describe('a change of time or place', () => {
  it('emails accepted and waitlisted invitees the new time (Warsaw) with an updated .ics (same UID, higher SEQUENCE) and a working RSVP link; no one else', { timeout: 60_000 }, async () => {
    const { eventId, people } = await eventWithEveryAnswer('moved');
    const moved = await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { start: '2030-01-22T11:00', end: '2030-01-22T16:00' } });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ sequence: 1, start: '2030-01-22T11:00' });

    const run = await endedRun(eventId, 'update-1');
    expect(run).toMatchObject({ kind: 'event-update-notice', status: 'DONE', queued: 2, alreadyQueued: 0 });
    expect(await queuedByRun(eventId, 'update-1', Object.values(people).map((person) => person.inviteeId))).toEqual([people.ACCEPTED.inviteeId, people.WAITLISTED.inviteeId]);

    const [english] = await waitForEmails(people.ACCEPTED.email, 1, 20_000, isUpdate);
    const [polish] = await waitForEmails(people.WAITLISTED.email, 1, 20_000, isUpdate);
    expect(english?.subject).toBe('Changed time or place: Vocational education forum');
    expect(english?.body.text).toContain('The event has a new time.');
    // The new start in Warsaw local time, in the reader's language.
    expect(english?.body.text).toContain('Starts: Tuesday, 22 January 2030 at 11:00');
    expect(polish?.subject).toBe('Zmiana terminu lub miejsca: Forum „Kształcenie zawodowe”');
    expect(polish?.body.text).toContain('Zmienił się termin wydarzenia.');
    expect(polish?.body.text).toMatch(/22 stycznia 2030.*11:00/);

    for (const email of [english!, polish!]) {
      const { contentType, calendar, vevent } = calendarOf(email);
      expect(contentType).toContain('method=PUBLISH');
      expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
      expect(vevent.getFirstPropertyValue('uid')).toBe(`${eventId}@glokal.eu`);
      expect(vevent.getFirstPropertyValue('sequence')).toBe(1);
      const start = vevent.getFirstProperty('dtstart')!;
      expect(start.getParameter('tzid')).toBe('Europe/Warsaw');
      expect(String(start.getFirstValue())).toBe('2030-01-22T11:00:00');
    }

    // The email's link is a new RSVP link (the invitation's token is stored only hashed): it opens the person's page.
    const token = /\/rsvp\/([\w-]+)/.exec(english!.body.text!)![1]!;
    const page = await api.call('GET', `/rsvp/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/data-answer="ACCEPTED"/);
    const { Item: link } = await documentClient.send(new GetCommand({ TableName: config.TABLE_NAME, Key: { pk: `RSVP#${hashToken(token)}`, sk: 'RSVP' }, ConsistentRead: true }));
    expect(link).toMatchObject({ eventId, inviteeId: people.ACCEPTED.inviteeId });
    // Kept a while after the event (TTL), not forever.
    expect(link!.expiresAt).toBeGreaterThan(Date.parse('2030-01-22T15:00:00Z') / 1000);
    expect(link!.expiresAt).toBeLessThan(Date.parse('2030-03-31T00:00:00Z') / 1000);
  });

  it('is transactional: an attendee unsubscribed from event mail still hears of it; a suppressed address (bounced, complained) gets nothing', { timeout: 60_000 }, async () => {
    const { eventId, people } = await eventWithEveryAnswer('unsubscribed');
    // Unsubscribing needs the preferences the invitation's delivery made.
    await waitForEmails(people.ACCEPTED.email, 1, 20_000, (email) => email.subject.startsWith('Invitation'));
    await recipientRepository.setSubscribed(people.ACCEPTED.email, 'events', false, new Date());
    await recipientRepository.suppress(people.WAITLISTED.email, 'BOUNCE', 'Permanent General', new Date());

    expect((await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { start: '2030-01-21T09:00' } })).status).toBe(200);
    expect(await endedRun(eventId, 'update-1')).toMatchObject({ status: 'DONE', queued: 2 });
    const [notice] = await waitForEmails(people.ACCEPTED.email, 1, 20_000, isUpdate);
    expect(notice?.subject).toBe('Changed time or place: Vocational education forum');

    const suppressedId = `event-${eventId}-update-1-${people.WAITLISTED.inviteeId}`;
    const deadline = Date.now() + 20_000;
    let status: unknown;
    do {
      const { Item } = await documentClient.send(new GetCommand({ TableName: config.TABLE_NAME, Key: { pk: `OUTBOX#${suppressedId}`, sk: 'OUTBOX' }, ConsistentRead: true }));
      status = Item?.status;
      if (status !== 'PENDING' && status !== 'SENDING') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    } while (Date.now() < deadline);
    expect(status).toBe('SUPPRESSED');
    expect(await waitForEmails(people.WAITLISTED.email, 1, 1_000, isUpdate)).toEqual([]);
  });

  it('a change of place says so', { timeout: 60_000 }, async () => {
    const { eventId, people } = await eventWithEveryAnswer('relocated');
    expect((await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { venue: 'ul. Kuźnicza 10, Wrocław' } })).status).toBe(200);
    const [email] = await waitForEmails(people.ACCEPTED.email, 1, 20_000, isUpdate);
    expect(email?.body.text).toContain('The event has moved to a new place.');
    expect(email?.body.text).toContain('ul. Kuźnicza 10, Wrocław');
    expect(calendarOf(email!).vevent.getFirstPropertyValue('location')).toBe('ul. Kuźnicza 10, Wrocław');
  });

  it('a change that is not of time or place raises no sequence, starts no run and sends nothing', { timeout: 30_000 }, async () => {
    const { eventId, people } = await eventWithEveryAnswer('retitled');
    const changed = await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { title: { pl: 'Nowy tytuł', en: 'New title' }, capacity: 30 } });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ sequence: 0, version: 2 });
    const read = await api.call('GET', `/admin/events/${eventId}`, { role: 'viewer' });
    expect(read.json.mailRuns).toEqual([]);
    expect(await fanOutRepository.list(`EVENT#${eventId}`)).toEqual([]);
    // Its confirmation came; an update notice would have come as fast.
    await waitForEmails(people.ACCEPTED.email, 1, 10_000, (email) => email.subject.startsWith('Your place is confirmed'));
    expect(await waitForEmails(people.ACCEPTED.email, 1, 2_000, isUpdate)).toEqual([]);
  });

  it('two quick changes: each person gets the latest sequence’s notice exactly once, and the older run stops once the sequence has moved on', { timeout: 90_000 }, async () => {
    const { eventId, people } = await eventWithEveryAnswer('twice');
    expect((await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { start: '2030-01-21T11:00' } })).status).toBe(200);
    expect((await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { start: '2030-01-21T12:00' } })).status).toBe(200);

    const latest = await endedRun(eventId, 'update-2');
    expect(latest).toMatchObject({ status: 'DONE', queued: 2 });
    const older = await endedRun(eventId, 'update-1');
    // The older run either finished before the second change was saved, or saw the sequence move on and stopped.
    expect(['DONE', 'STOPPED']).toContain(older?.status);

    const sequenceOf = (email: SentEmail) => Number(calendarOf(email).vevent.getFirstPropertyValue('sequence'));
    for (const person of [people.ACCEPTED, people.WAITLISTED]) {
      // A STOPPED older run may have queued its page before it saw the sequence move on: wait for the latest notice, then read them all.
      await waitForEmails(person.email, 1, 20_000, (email) => isUpdate(email) && sequenceOf(email) === 2);
      const notices = await waitForEmails(person.email, older?.status === 'DONE' ? 2 : 1, 20_000, isUpdate);
      // The two runs' notices may be sent side by side (the mailer has several sends in flight), so arrival order is not
      // asserted: a calendar keeps the highest SEQUENCE of a UID whichever comes last.
      const sequences = notices.map(sequenceOf).sort();
      expect(sequences).toEqual(older?.status === 'DONE' ? [1, 2] : expect.arrayContaining([2]));
      expect(sequences.filter((sequence) => sequence === 2)).toHaveLength(1);
      expect(sequences.every((sequence) => sequence === 1 || sequence === 2)).toBe(true);
      const latestNotice = notices.find((email) => sequenceOf(email) === 2)!;
      expect(String(calendarOf(latestNotice).vevent.getFirstProperty('dtstart')!.getFirstValue())).toBe('2030-01-21T12:00:00');
    }

    // A page of the older run made now, with the event at sequence 2, stops and queues nothing.
    const stale = newFanOutRun({ scope: `TEST#${eventId}`, runId: 'update-1-replayed', kind: updateNoticeKind, params: { eventId, sequence: '1', changed: 'time' }, startedBy: 'test' }, new Date());
    expect(await fanOutRepository.start(stale)).toBe('started');
    const stepped = await runFanOutStep(stale.scope, stale.runId, fanOutDependencies);
    expect(stepped).toMatchObject({ status: 'STOPPED', counts: { queued: 0 } });
    expect(await queuedByRun(eventId, 'update-1-replayed', [people.ACCEPTED.inviteeId, people.WAITLISTED.inviteeId])).toEqual([]);
  });
});

describe('cancelling an event', () => {
  it('sends METHOD:CANCEL with STATUS:CANCELLED, same UID and the cancellation’s SEQUENCE, to everyone invited who has not declined', { timeout: 60_000 }, async () => {
    const { eventId, people } = await eventWithEveryAnswer('cancelled');
    const cancelled = await api.call('POST', `/admin/events/${eventId}/cancel`, { role: 'admin', json: { reason: 'Prelegent odwołał udział.' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ status: 'CANCELLED', sequence: 1 });

    const run = await endedRun(eventId, 'cancel-1');
    expect(run).toMatchObject({ kind: 'event-cancel-notice', status: 'DONE', queued: 3 });
    expect(await queuedByRun(eventId, 'cancel-1', Object.values(people).map((person) => person.inviteeId))).toEqual([people.ACCEPTED.inviteeId, people.WAITLISTED.inviteeId, people.NONE.inviteeId]);

    for (const person of [people.ACCEPTED, people.WAITLISTED, people.NONE]) {
      const [email] = await waitForEmails(person.email, 1, 20_000, isCancellation);
      expect(email, person.email).toBeDefined();
      expect(email!.body.text).toContain('Prelegent odwołał udział.');
      const { contentType, calendar, vevent } = calendarOf(email!);
      expect(contentType).toContain('method=CANCEL');
      expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
      expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(vevent.getFirstPropertyValue('uid')).toBe(`${eventId}@glokal.eu`);
      expect(vevent.getFirstPropertyValue('sequence')).toBe(1);
    }
    expect((await waitForEmails(people.WAITLISTED.email, 1, 1_000, isCancellation))[0]?.subject).toBe('Odwołane: Forum „Kształcenie zawodowe”');
    expect(await waitForEmails(people.DECLINED.email, 1, 1_000, isCancellation)).toEqual([]);
  });

  it('a change notice still running when the event is cancelled stops: the cancellation is the last word', { timeout: 60_000 }, async () => {
    const { eventId } = await eventWithEveryAnswer('moved-then-cancelled');
    expect((await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { start: '2030-01-21T11:00' } })).status).toBe(200);
    expect((await api.call('POST', `/admin/events/${eventId}/cancel`, { role: 'admin', json: {} })).status).toBe(200);
    expect(await endedRun(eventId, 'cancel-2')).toMatchObject({ status: 'DONE', queued: 3 });
    expect(['DONE', 'STOPPED']).toContain((await endedRun(eventId, 'update-1'))?.status);
  });
});
