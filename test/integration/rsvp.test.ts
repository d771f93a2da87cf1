import { readFileSync } from 'node:fs';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { invokeFunction } from '../../infra/local/load-handler.js';
import { manifest } from '../../infra/manifest.js';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { config } from '../../shared/config.js';
import { invite, invitee, scheduledEvent, seatsTaken, storedInvitation } from '../support/invitations.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { useMailer } from '../support/stream-poller.js';

const api = useLocalApi();
useMailer();

/** Outbox messages queued to an address (the table holds only this file's). */
async function queuedTo(to: string): Promise<Array<Record<string, any>>> {
  const items: Array<Record<string, any>> = [];
  for (let shard = 0; shard < 8; shard += 1) {
    const { Items = [] } = await documentClient.send(
      new QueryCommand({ TableName: config.TABLE_NAME, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `OUTBOX#PENDING#${shard}` } }),
    );
    items.push(...Items.filter((item) => item.to === to));
  }
  return items;
}

const answerOn = (page: string) => /data-answer="(\w+)"/.exec(page)?.[1];

describe('the invitation email', () => {
  it('arrives with accept and decline buttons opening the RSVP page with the choice preselected, and the event as METHOD:PUBLISH .ics', async () => {
    const eventId = await scheduledEvent(api.call);
    const to = uniqueEmail('invitee');
    await invite(eventId, [invitee('contact-1', { email: to, language: 'en', memberId: 'member-1' })]);

    const [email] = await waitForEmails(to, 1, 15_000);
    expect(email?.subject).toBe('Invitation: Vocational education forum');
    const accept = /\/rsvp\/([\w-]+)\?response=accept/.exec(email!.body.text!);
    expect(accept).not.toBeNull();
    expect(email!.body.text).toContain(`/rsvp/${accept![1]}?response=decline`);

    const ics = email!.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'));
    expect(ics?.contentType).toContain('method=PUBLISH');
    // Local SES keeps attachments base64-encoded, as they travel in the MIME message.
    const calendar = new ICAL.Component(ICAL.parse(Buffer.from(ics!.content, 'base64').toString('utf8')));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('uid')).toBe(`${eventId}@glokal.eu`);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
    expect(vevent.getFirstPropertyValue('summary')).toBe('Vocational education forum');

    // The button's link: the page in English, accept preselected, nothing recorded.
    const page = await api.call('GET', `/rsvp/${accept![1]}?response=accept`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="en"');
    expect(page.text).toMatch(/value="accept" checked/);
    expect(page.text).toContain(`action="/rsvp/${accept![1]}"`);
    expect(answerOn(page.text)).toBe('NONE');
    expect((await storedInvitation(eventId, 'contact-1'))?.answer).toBe('NONE');

    const answered = await api.call('POST', `/rsvp/${accept![1]}`, { form: { response: 'accept' } });
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('Your place is reserved');
    const confirmations = await waitForEmails(to, 1, 15_000, (sent) => sent.subject.startsWith('Your place is confirmed'));
    expect(confirmations).toHaveLength(1);
  });
});

describe('RSVP', () => {
  it('GET never changes anything, whatever the query says (mail scanners open links)', async () => {
    const eventId = await scheduledEvent(api.call);
    const to = uniqueEmail('scanner');
    const tokens = await invite(eventId, [invitee('p1', { email: to })]);
    const token = tokens.get('p1')!;
    for (const response of ['accept', 'decline']) {
      const page = await api.call('GET', `/rsvp/${token}?response=${response}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<html lang="pl"');
      expect(page.text).toMatch(new RegExp(`value="${response}" checked`));
    }
    const stored = await storedInvitation(eventId, 'p1');
    expect(stored).toMatchObject({ answer: 'NONE', version: 1 });
    expect(stored?.answeredAt).toBeUndefined();
    expect(await seatsTaken(eventId)).toBeUndefined();
    expect((await queuedTo(to)).filter((message) => message.template !== 'event-invitation')).toEqual([]);
  });

  it('records accept (form) and decline (JSON), each with its confirmation; the same answer twice changes and sends nothing', async () => {
    const eventId = await scheduledEvent(api.call, { capacity: 1 });
    const to = uniqueEmail('answers');
    const tokens = await invite(eventId, [invitee('p1', { email: to, memberId: 'm1' })]);
    const token = tokens.get('p1')!;

    expect((await api.call('POST', `/rsvp/${token}`, { form: { response: 'accept' } })).text).toContain('Twoje miejsce jest zarezerwowane');
    const again = await api.call('POST', `/rsvp/${token}`, { form: { response: 'accept' } });
    expect(again.text).toContain('nic się nie zmieniło');
    expect(await seatsTaken(eventId)).toBe(1);
    expect(await seatsTaken(eventId, 'MEMBER#m1')).toBe(1);

    const declined = await api.call('POST', `/rsvp/${token}`, { json: { response: 'decline' } });
    expect(declined.status).toBe(200);
    expect(answerOn(declined.text)).toBe('DECLINED');
    expect(await seatsTaken(eventId)).toBe(0);
    expect(await seatsTaken(eventId, 'MEMBER#m1')).toBe(0);
    const emails = await waitForEmails(to, 3, 15_000);
    expect(emails.map((email) => email.subject.split(':')[0]).sort()).toEqual(['Odnotowaliśmy odmowę', 'Potwierdzamy udział', 'Zaproszenie']);
  });

  it('tells a waitlisted accept its position, and promotes it when a seat frees, telling it by email', async () => {
    const eventId = await scheduledEvent(api.call, { capacity: 1 });
    const [first, second] = [uniqueEmail('first'), uniqueEmail('second')];
    const tokens = await invite(eventId, [invitee('p1', { email: first }), invitee('p2', { email: second })]);
    await api.call('POST', `/rsvp/${tokens.get('p1')}`, { form: { response: 'accept' } });
    const waiting = await api.call('POST', `/rsvp/${tokens.get('p2')}`, { form: { response: 'accept' } });
    expect(answerOn(waiting.text)).toBe('WAITLISTED');
    expect(waiting.text).toContain('data-waitlist-position>1<');
    expect((await waitForEmails(second, 2, 15_000)).map((email) => email.subject)).toContain('Jesteś na liście rezerwowej: Forum „Kształcenie zawodowe”');

    await api.call('POST', `/rsvp/${tokens.get('p1')}`, { form: { response: 'decline' } });
    expect((await storedInvitation(eventId, 'p2'))?.answer).toBe('ACCEPTED');
    const [promoted] = await waitForEmails(second, 1, 15_000, (email) => email.subject.startsWith('Zwolniło się miejsce'));
    // Its link is a new one that works.
    const link = /\/rsvp\/([\w-]+)/.exec(promoted!.body.text!)![1]!;
    expect(answerOn((await api.call('GET', `/rsvp/${link}`)).text)).toBe('ACCEPTED');
    // Accepting again after a decline goes to the back of the waitlist.
    const back = await api.call('POST', `/rsvp/${tokens.get('p1')}`, { form: { response: 'accept' } });
    expect(answerOn(back.text)).toBe('WAITLISTED');
  });

  it('after the RSVP deadline, says so and changes nothing', async () => {
    const eventId = await scheduledEvent(api.call);
    const to = uniqueEmail('late');
    const tokens = await invite(eventId, [invitee('p1', { email: to, language: 'en' })]);
    await documentClient.send(
      new UpdateCommand({ TableName: config.TABLE_NAME, Key: { pk: `EVENT#${eventId}`, sk: 'EVENT' }, UpdateExpression: 'SET rsvpDeadlineAt = :past', ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00.000Z' } }),
    );
    const page = await api.call('GET', `/rsvp/${tokens.get('p1')}?response=accept`);
    expect(page.text).toContain('The deadline for answers has passed');
    expect(page.text).not.toContain('<form');
    const answered = await api.call('POST', `/rsvp/${tokens.get('p1')}`, { form: { response: 'accept' } });
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('The deadline for answers has passed');
    expect(await storedInvitation(eventId, 'p1')).toMatchObject({ answer: 'NONE', version: 1 });
    expect(await seatsTaken(eventId)).toBeUndefined();
  });

  it('for a cancelled event, says so and changes nothing', async () => {
    const eventId = await scheduledEvent(api.call);
    const tokens = await invite(eventId, [invitee('p1', { email: uniqueEmail('cancelled') })]);
    expect((await api.call('POST', `/admin/events/${eventId}/cancel`, { role: 'admin', json: {} })).status).toBe(200);
    const answered = await api.call('POST', `/rsvp/${tokens.get('p1')}`, { form: { response: 'accept' } });
    expect(answered.text).toContain('To wydarzenie zostało odwołane');
    expect(await storedInvitation(eventId, 'p1')).toMatchObject({ answer: 'NONE', version: 1 });
  });

  it('refuses a missing or unknown response naming the field, and shows an unknown link page for an unknown token', async () => {
    const eventId = await scheduledEvent(api.call);
    const tokens = await invite(eventId, [invitee('p1', { email: uniqueEmail('bad') })]);
    const bad = await api.call('POST', `/rsvp/${tokens.get('p1')}`, { json: { response: 'maybe' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].path).toBe('response');
    expect(await storedInvitation(eventId, 'p1')).toMatchObject({ answer: 'NONE', version: 1 });
    const unknown = await api.call('GET', '/rsvp/not-a-real-token-at-all');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Nieznany link');
  });
});

describe('the sample events in events/http', () => {
  it('show the page and record an accept, as npm run invoke runs them, for the sample token', async () => {
    const eventId = await scheduledEvent(api.call);
    const sampleToken = 'sample-rsvp-token-from-the-email-0123456789';
    const tokens = await invite(eventId, [invitee('sample', { email: uniqueEmail('sample') })]);
    const invoke = async (name: string) => {
      const text = readFileSync(`events/http/${name}.json`, 'utf8').replaceAll(sampleToken, tokens.get('sample')!);
      return (await invokeFunction(manifest.find((fn) => fn.name === name)!, JSON.parse(text))) as { statusCode: number; body: string };
    };
    const page = await invoke('rsvp-page');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/value="accept" checked/);
    expect((await invoke('answer-invitation')).statusCode).toBe(200);
    expect((await storedInvitation(eventId, 'sample'))?.answer).toBe('ACCEPTED');
  });
});
