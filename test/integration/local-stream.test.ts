import { describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { queue, storedMessage, verificationTo } from '../support/outbox-helpers.js';
import { useMailer } from '../support/stream-poller.js';

const mailer = useMailer();

describe('the local stack drives the mailer from DynamoDB Local’s stream', () => {
  it('delivers a new outbox item without waiting for the sweep, with its attachment intact', async () => {
    const to = uniqueEmail('stream');
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//GLOKAL//test//EN\r\nEND:VCALENDAR\r\n';
    const id = await queue({ ...verificationTo(to), attachments: [{ filename: 'invite.ics', contentType: 'text/calendar; method=REQUEST', content: ics }] });
    const [email] = await waitForEmails(to, 1, 15_000);
    expect(email, mailer.log()).toBeDefined();
    expect(email!.attachments).toHaveLength(1);
    expect(email!.attachments[0]).toMatchObject({ filename: 'invite.ics', contentType: expect.stringContaining('text/calendar') });
    expect(Buffer.from(email!.attachments[0]!.content, 'base64').toString('utf8')).toBe(ics);
    // SES has the email before the mailer records it as sent: the record follows within moments.
    expect(await eventually(() => storedMessage(id), (stored) => stored?.status === 'SENT', 5_000, 50)).toMatchObject({ status: 'SENT' });
    expect(mailer.log()).toContain('stream → mailer: ');
  });
});
