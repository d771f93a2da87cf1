import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handler as sesEvents } from '../../functions/mail/handle-ses-event.js';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { grantLinkRepository } from '../../shared/adapters/dynamo/grant-link-repository.js';
import { recipientRepository } from '../../shared/adapters/dynamo/recipient-repository.js';
import { glokal } from '../../shared/adapters/dynamo/service.js';
import { slotsPerWrite, tableSendRateLimiter } from '../../shared/adapters/dynamo/send-rate-limiter.js';
import { config } from '../../shared/config.js';
import { deliverDueMessages } from '../../shared/domain/mail/deliver-message.js';
import { templates } from '../../shared/email/templates/index.js';
import { dynamoRequestsDuring } from '../support/dynamo-requests.js';
import { useLocalApi } from '../support/local-api.js';
import { sentEmails, uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { invitationTo, queue, storedMessage, testDelivery, verificationTo } from '../support/outbox-helpers.js';

const api = useLocalApi();
const everything = { limit: 500, hasTimeLeft: () => true };

async function sweep() {
  const { deps, clock } = testDelivery();
  clock.advance(1000);
  await deliverDueMessages(deps, everything);
}

function header(email: { headers?: { name: string; value: string }[] }, name: string) {
  return email.headers?.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase())?.value;
}

describe('one-click unsubscribe', () => {
  it('member communications carry RFC 8058 headers; transactional mail carries none', async () => {
    const to = uniqueEmail('headers');
    await queue(invitationTo(to));
    await queue(verificationTo(to));
    await sweep();
    const emails = await waitForEmails(to, 2);
    const invitation = emails.find((email) => email.subject.startsWith('Invitation'))!;
    const verification = emails.find((email) => !email.subject.startsWith('Invitation'))!;
    expect(header(invitation, 'List-Unsubscribe')).toMatch(/^<http:\/\/localhost:3999\/unsubscribe\/[\w-]+\?category=events>$/);
    expect(header(invitation, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(invitation.body.text).toContain('Unsubscribe from this kind of message: http://localhost:3999/unsubscribe/');
    expect(header(verification, 'List-Unsubscribe')).toBeUndefined();
    expect(verification.body.text).not.toContain('/unsubscribe/');
  });

  it('stops that category at once and leaves transactional mail flowing', async () => {
    const to = uniqueEmail('oneclick');
    await queue(invitationTo(to));
    await sweep();
    const [invitation] = await waitForEmails(to, 1);
    const link = header(invitation!, 'List-Unsubscribe')!.slice(1, -1);
    const path = link.replace('http://localhost:3999', '');

    // What a mail client does: POST the link with the RFC 8058 body.
    const answer = await api.call('POST', path, { form: { 'List-Unsubscribe': 'One-Click' } });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('You are unsubscribed');

    const blockedId = await queue(invitationTo(to));
    const transactionalId = await queue({ to, lang: 'en', template: 'rsvp-confirmation', data: templates['rsvp-confirmation'].sample });
    const grantsId = await queue({ to, lang: 'en', template: 'grant-reminder-digest', data: templates['grant-reminder-digest'].sample });
    await sweep();
    expect(await storedMessage(blockedId)).toMatchObject({ status: 'UNSUBSCRIBED' });
    expect(await storedMessage(transactionalId)).toMatchObject({ status: 'SENT' });
    expect(await storedMessage(grantsId)).toMatchObject({ status: 'SENT' });
    const subjects = (await waitForEmails(to, 3)).map((email) => email.subject);
    expect(subjects.filter((subject) => subject.startsWith('Invitation'))).toHaveLength(1);
    expect(subjects.some((subject) => subject.startsWith('You are on the waitlist'))).toBe(true);
  });

  it('accepts the one-click POST as multipart/form-data, as some mail clients send it', async () => {
    const to = uniqueEmail('multipart');
    await queue({ to, lang: 'pl', template: 'grant-reminder-digest', data: templates['grant-reminder-digest'].sample });
    await sweep();
    const [digest] = await waitForEmails(to, 1);
    const path = header(digest!, 'List-Unsubscribe')!.slice(1, -1).replace('http://localhost:3999', '');
    expect(path).toContain('category=grants');
    const boundary = 'x-boundary-1';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const response = await fetch(`${api.baseUrl()}${path}`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
    expect(response.status).toBe(200);
    const id = await queue({ to, lang: 'pl', template: 'grant-reminder-digest', data: templates['grant-reminder-digest'].sample });
    await sweep();
    expect(await storedMessage(id)).toMatchObject({ status: 'UNSUBSCRIBED' });
  });

  it('shows a preferences page in Polish and English, and saving it re-subscribes', async () => {
    const to = uniqueEmail('prefs');
    await queue({ ...invitationTo(to), lang: 'pl' });
    await sweep();
    const [invitation] = await waitForEmails(to, 1);
    const path = header(invitation!, 'List-Unsubscribe')!.slice(1, -1).replace('http://localhost:3999', '');
    const pagePath = path.split('?')[0]!;
    await api.call('POST', path, { form: { 'List-Unsubscribe': 'One-Click' } });

    const polish = await api.call('GET', pagePath);
    expect(polish.status).toBe(200);
    expect(polish.headers.get('content-type')).toContain('text/html');
    expect(polish.text).toContain('<html lang="pl">');
    expect(polish.text).toContain('Ustawienia powiadomień');
    expect(polish.text).toMatch(/<input type="checkbox" name="events" >/);
    expect(polish.text).toMatch(/<input type="checkbox" name="grants" checked>/);
    const english = await api.call('GET', `${pagePath}?lang=en`);
    expect(english.text).toContain('Notification settings');

    const saved = await api.call('POST', `${pagePath}?lang=en`, { form: { form: 'preferences', events: 'on' } });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('Your settings are saved.');
    expect(saved.text).toMatch(/name="events" checked/);
    expect(saved.text).toMatch(/name="grants" >/);
    const id = await queue(invitationTo(to));
    await sweep();
    expect(await storedMessage(id)).toMatchObject({ status: 'SENT' });
  });

  it('answers an unknown link with a clear page, not an error dump', async () => {
    const answer = await api.call('GET', '/unsubscribe/this-token-does-not-exist?lang=en');
    expect(answer.status).toBe(404);
    expect(answer.text).toContain('This link is not valid');
    expect((await api.call('POST', '/unsubscribe/this-token-does-not-exist', { form: { 'List-Unsubscribe': 'One-Click' } })).status).toBe(404);
  });
});

describe('bounces and complaints', () => {
  const context = { awsRequestId: 'test', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

  function sesEvent(file: string, address: string) {
    const event = JSON.parse(readFileSync(file, 'utf8')) as EventBridgeEvent<string, any>;
    const recipients = event.detail.bounce?.bouncedRecipients ?? event.detail.complaint?.complainedRecipients;
    recipients[0].emailAddress = address;
    return event;
  }

  it('a permanent bounce suppresses the address: nothing more reaches it, its messages end SUPPRESSED', async () => {
    const to = uniqueEmail('bounce');
    expect(await sesEvents(sesEvent('events/ses/bounce.json', to.toUpperCase()), context)).toEqual({ suppressed: 1 });
    const id = await queue(verificationTo(to));
    await sweep();
    expect(await storedMessage(id)).toMatchObject({ status: 'SUPPRESSED', lastError: 'BOUNCE' });
    expect(await sentEmails(to)).toHaveLength(0);
  });

  it('a complaint suppresses too; a transient bounce does not', async () => {
    const complainer = uniqueEmail('complaint');
    await sesEvents(sesEvent('events/ses/complaint.json', complainer), context);
    const transient = uniqueEmail('transient');
    const event = sesEvent('events/ses/bounce.json', transient);
    event.detail.bounce.bounceType = 'Transient';
    expect(await sesEvents(event, context)).toEqual({ suppressed: 0 });

    const blocked = await queue(verificationTo(complainer));
    const allowed = await queue(verificationTo(transient));
    await sweep();
    expect(await storedMessage(blocked)).toMatchObject({ status: 'SUPPRESSED', lastError: 'COMPLAINT' });
    expect(await storedMessage(allowed)).toMatchObject({ status: 'SENT' });
  });
});

describe('many addresses at once (a fan-out page)', () => {
  it("reads each address's state and 'not relevant' marks by key, answering for every spelling given", async () => {
    const plain = uniqueEmail('page-plain');
    const suppressed = uniqueEmail('page-suppressed');
    const unsubscribed = uniqueEmail('page-unsubscribed');
    const shouting = unsubscribed.toUpperCase();
    const now = new Date();
    await recipientRepository.suppress(suppressed, 'Bounce', 'mailbox unknown', now);
    await recipientRepository.preferencesToken(unsubscribed, 'pl');
    await recipientRepository.setSubscribed(unsubscribed, 'grants', false, now);
    await grantLinkRepository.markNotRelevant(shouting, 'call-a', now);

    const given = [plain, suppressed, unsubscribed, ` ${shouting} `];
    const requests = await dynamoRequestsDuring(async () => {
      const states = await recipientRepository.states(given);
      expect([...states.keys()]).toEqual(given);
      expect(states.get(plain)).toEqual({ unsubscribed: [] });
      expect(states.get(suppressed)).toMatchObject({ suppressed: { reason: 'Bounce', at: now.toISOString() } });
      expect(states.get(unsubscribed)).toMatchObject({ unsubscribed: ['grants'] });
      expect(states.get(` ${shouting} `)).toEqual(states.get(unsubscribed));

      const marks = await grantLinkRepository.notRelevantAmong(given, ['call-a', 'call-b', 'call-a']);
      expect([...marks.keys()]).toEqual(given);
      expect([...marks.get(unsubscribed)!]).toEqual(['call-a']);
      expect([...marks.get(` ${shouting} `)!]).toEqual(['call-a']);
      expect(marks.get(plain)!.size).toBe(0);
    });
    // Two batch gets for the states (preferences, suppressions), one for the marks: no query per address.
    expect(requests).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand', 'BatchGetItemCommand']);
  });
});

describe('send rate', () => {
  it('holds across concurrent mailer invocations', async () => {
    const perSecond = 5;
    const startedAt = Date.now();
    // Three "invocations", each with its own limiter, sharing only the table.
    await Promise.all(
      [1, 2, 3].map(async () => {
        const limiter = tableSendRateLimiter(perSecond);
        for (let index = 0; index < 5; index += 1) await limiter.acquire();
      }),
    );
    const elapsed = Date.now() - startedAt;
    const windows = await documentClient.send(
      new QueryCommand({ TableName: config.TABLE_NAME, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'RATE#mail' }, ConsistentRead: true }),
    );
    const counts = (windows.Items ?? []).map((item) => item.sent as number);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(15);
    expect(Math.max(...counts)).toBeLessThanOrEqual(perSecond);
    expect(counts.length).toBeGreaterThanOrEqual(3);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
  });

  it('at a high rate takes a block of slots per write (a twentieth of the rate), and the last slots of a second one by one', async () => {
    const perSecond = 100;
    expect(slotsPerWrite(perSecond)).toBe(5);
    expect(slotsPerWrite(14)).toBe(1);
    // A second of this test's own, far from any other window; the limiters' clock stays in it until the test moves it on.
    const second = 4_000_000_000;
    let clock = second * 1000;
    const now = () => clock;
    const window = async (at: number) => (await glokal.entities.sendRateWindow.get({ second: at }).go({ consistent: true })).data?.sent;

    // Three invocations' limiters, 12 sends each: 3 blocks of 5 each, 45 slots counted for 36 sends.
    const requests = await dynamoRequestsDuring(() =>
      Promise.all(
        [1, 2, 3].map(async () => {
          const limiter = tableSendRateLimiter(perSecond, now);
          for (let index = 0; index < 12; index += 1) await limiter.acquire();
        }),
      ),
    );
    expect(requests).toEqual(Array.from({ length: 9 }, () => 'UpdateItemCommand'));
    expect(await window(second)).toBe(45);

    // 97 taken: a block of 5 no longer fits, so 3 single slots go; the fourth waits for the next second, which comes while it sleeps.
    await glokal.entities.sendRateWindow.update({ second }).add({ sent: 52 }).go();
    const late = tableSendRateLimiter(perSecond, now);
    for (let index = 0; index < 3; index += 1) await late.acquire();
    expect(await window(second)).toBe(100);
    setTimeout(() => (clock += 1000), 50);
    await late.acquire();
    expect(await window(second)).toBe(100);
    expect(await window(second + 1)).toBe(5);

    // Ten sends in flight at once in one invocation each take a block; the spare slots of all ten serve the next forty sends.
    clock += 1000;
    const inFlight = tableSendRateLimiter(perSecond, now);
    const burst = await dynamoRequestsDuring(() =>
      Promise.all(
        Array.from({ length: 10 }, async () => {
          for (let index = 0; index < 5; index += 1) await inFlight.acquire();
        }),
      ),
    );
    expect(burst).toHaveLength(10);
    expect(await window(second + 2)).toBe(50);
  });
});
