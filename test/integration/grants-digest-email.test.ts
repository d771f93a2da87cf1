import { describe, expect, it } from 'vitest';
import { invokeFunction } from '../../infra/local/load-handler.js';
import { manifest } from '../../infra/manifest.js';
import { recipientRepository } from '../../shared/adapters/dynamo/recipient-repository.js';
import { createdGrant, eightAm } from '../support/grants.js';
import { useLocalApi } from '../support/local-api.js';
import { waitForEmails } from '../support/mailbox.js';
import { newAudience, seedMembers } from '../support/member-audience.js';
import { useMailer } from '../support/stream-poller.js';

const api = useLocalApi();
useMailer();

/** The scheduler's event for a day, as EventBridge Scheduler sends it at 08:00 Warsaw time. */
const scheduledAt = (date: string) => ({ version: '0', id: `grant-${date}`, 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time: eightAm(date).toISOString(), detail: {} });

describe('a day of grant reminders through the local stack', () => {
  it('the schedule starts the run, the fan-out runner pages it from the stream, and the digest arrives in SES with its links and one-click List-Unsubscribe', { timeout: 120_000 }, async () => {
    const seed = newAudience({ members: 2, contactsPerMember: 1, label: 'digest-email', interests: ['it'] });
    seed.contacts[0]!.language = 'en';
    seed.contacts[1]!.language = 'pl';
    await seedMembers(seed);
    await createdGrant(api.call, { callIdentifier: 'EMAIL-1', deadline: '2027-11-17T12:00', audience: { scope: 'segment', interests: ['it'] }, offsets: [7] });
    await createdGrant(api.call, { callIdentifier: 'EMAIL-LATE', deadline: '2027-11-15T12:00', audience: { scope: 'all' }, offsets: [6] });

    const schedule = manifest.find((fn) => fn.name === 'grant-deadline-reminders')!;
    // 2027-11-10: EMAIL-1's 7-day reminder is due; EMAIL-LATE's 6-day one was due on the 9th (a missed run): caught up, late.
    expect(await invokeFunction(schedule, scheduledAt('2027-11-10'))).toEqual({ runDate: '2027-11-10', started: true });

    const [english] = await waitForEmails(seed.contacts[0]!.email, 1, 60_000);
    expect(english!.subject).toBe('Funding deadlines: 2 calls');
    const text = english!.body.text!;
    expect(text.indexOf('EMAIL-LATE')).toBeLessThan(text.indexOf('EMAIL-1'));
    expect(text).toContain('[Late reminder] Erasmus+');
    expect(text).toMatch(/Deadline \(Warsaw time\)\W+Monday, 15 November 2027 at 12:00/);
    expect(text).toContain('5 days');
    expect(text).toMatch(/Not relevant for us \(no more reminders of it\): http:\/\/\S+\/grant-reminders\/[\w-]{32}/);
    expect(text).toMatch(/Stop grant reminders: http:\/\/\S+\/grant-reminders\/[\w-]{32}/);
    expect(english!.body.html).toContain('Cooperation partnerships in vocational education');
    const unsubscribe = english!.headers?.find((header) => header.name === 'List-Unsubscribe')?.value;
    expect(unsubscribe).toMatch(/^<http:\/\/\S+\/unsubscribe\/[\w-]+\?category=grants>$/);
    expect(english!.headers?.filter((header) => header.name === 'List-Unsubscribe')).toHaveLength(1);
    expect(english!.headers).toContainEqual({ name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' });

    const [polish] = await waitForEmails(seed.contacts[1]!.email, 1, 60_000);
    expect(polish!.subject).toBe('Terminy naborów: 2 nabory');
    expect(polish!.body.text).toContain('[Spóźnione przypomnienie]');

    // The header's one-click POST (RFC 8058) is the existing unsubscribe: grant reminders stop for that address.
    const path = new URL(unsubscribe!.slice(1, -1)).pathname + new URL(unsubscribe!.slice(1, -1)).search;
    const oneClick = await api.call('POST', path, { form: { 'List-Unsubscribe': 'One-Click' } });
    expect(oneClick.status).toBe(200);
    expect((await recipientRepository.state(seed.contacts[0]!.email)).unsubscribed).toEqual(['grants']);
  });
});
