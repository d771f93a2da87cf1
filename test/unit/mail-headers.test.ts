import { describe, expect, it } from 'vitest';
import type { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { createSesSender } from '../../shared/adapters/mail/ses-sender.js';
import { headerText } from '../../shared/email/header.js';
import { renderEmail } from '../../shared/email/render.js';
import { templates } from '../../shared/email/templates/index.js';

const injected = 'Szkoła\r\nBcc: evil@example.com';

describe('mail headers stay one line, whatever was stored', () => {
  it('flattens CR, LF and the other control characters to one space', () => {
    expect(headerText(injected)).toBe('Szkoła Bcc: evil@example.com');
    expect(headerText('a\n\n\tb\u0000c\u2028d\u0085e\r')).toBe('a b c d e');
    expect(headerText('Zespół Szkół nr 2 – „Żak”')).toBe('Zespół Szkół nr 2 – „Żak”');
  });

  it('a subject built from an organisation name stored before the contract refused CR/LF is one line', () => {
    for (const lang of ['pl', 'en'] as const) {
      const notice = renderEmail('application-received-admin', { ...templates['application-received-admin'].sample, organisationName: injected }, lang);
      expect(notice.subject).not.toMatch(/[\r\n]/);
      expect(notice.subject).toContain('Szkoła Bcc: evil@example.com');
      const welcome = renderEmail('application-approved', { ...templates['application-approved'].sample, organisationName: injected }, lang);
      expect(welcome.subject).not.toMatch(/[\r\n]/);
    }
  });

  it('the SES sender flattens the subject, the addresses and every custom header it hands to SES', async () => {
    const sent: SendEmailCommand[] = [];
    const client = { send: async (command: SendEmailCommand) => (sent.push(command), { MessageId: 'm-1' }) } as unknown as SESv2Client;
    await createSesSender(client).send({
      to: 'anna@example.test\r\nBcc: evil@example.com',
      subject: `Nowy wniosek: ${injected}`,
      html: '<p>x</p>',
      text: 'x',
      headers: [{ name: 'List-Unsubscribe', value: '<https://x.test/u>\r\nBcc: evil@example.com' }],
      attachments: [{ filename: 'event\r\n.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }],
    });
    const input = sent[0]!.input;
    const headerValues = [
      input.FromEmailAddress,
      ...(input.Destination?.ToAddresses ?? []),
      input.Content?.Simple?.Subject?.Data,
      ...(input.Content?.Simple?.Headers ?? []).flatMap((header) => [header.Name, header.Value]),
      ...(input.Content?.Simple?.Attachments ?? []).map((attachment) => attachment.FileName),
    ];
    for (const value of headerValues) expect(value).not.toMatch(/[\r\n]/);
    expect(input.Content?.Simple?.Subject?.Data).toBe('Nowy wniosek: Szkoła Bcc: evil@example.com');
    // Bodies and attachments keep their line breaks: only headers are flattened.
    expect(new TextDecoder().decode(input.Content?.Simple?.Attachments?.[0]?.RawContent)).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
  });
});
