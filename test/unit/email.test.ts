import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePreviews } from '../../scripts/email-preview.js';
import { retryDelayMs } from '../../shared/domain/mail/backoff.js';
import { PermanentSendError, TransientSendError } from '../../shared/domain/mail/ports.js';
import { recordSesFeedback } from '../../shared/domain/mail/record-ses-feedback.js';
import { classifySesError } from '../../shared/adapters/mail/ses-sender.js';
import { renderEmail } from '../../shared/email/render.js';
import { templateNames, templates } from '../../shared/email/templates/index.js';
import { matchesPattern } from '../../infra/local/event-pattern.js';
import { multipartToObject } from '../../shared/http/form-body.js';

describe('templates', () => {
  it.each(templateNames.flatMap((name) => [[name, 'pl'] as const, [name, 'en'] as const]))('%s renders in %s, HTML and text', (name, lang) => {
    const email = renderEmail(name, templates[name].sample as never, lang);
    expect(email.subject.length).toBeGreaterThan(5);
    for (const body of [email.html, email.text, email.subject]) {
      expect(body).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
    expect(email.html).toContain(`<html lang="${lang}">`);
  });

  it('writes Polish for Polish readers and English for English ones, with Warsaw-time dates', () => {
    const data = templates['application-verification'].sample;
    const pl = renderEmail('application-verification', data, 'pl');
    const en = renderEmail('application-verification', data, 'en');
    expect(pl.text).toContain('Link ważny do: sobota, 5 grudnia 2026 11:00');
    expect(en.text).toContain('Link valid until: Saturday, 5 December 2026 at 11:00');
  });

  it('escapes every user-provided value in HTML and drops unsafe links', () => {
    const email = renderEmail(
      'application-rejected',
      { contactName: '<img src=x onerror=alert(1)>', organisationName: 'A & B "Sp. z o.o."', reason: '</p><script>steal()</script>' },
      'en',
    );
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img src=x');
    expect(email.html).toContain('&lt;script&gt;steal()&lt;/script&gt;');
    expect(email.html).toContain('A &amp; B &quot;Sp. z o.o.&quot;');
    expect(email.text).toContain('</p><script>steal()</script>');
    const invitation = renderEmail('event-invitation', { ...templates['event-invitation'].sample, acceptUrl: 'javascript:alert(1)' }, 'en');
    expect(invitation.html).not.toContain('javascript:');
  });

  it('adds the unsubscribe footer only where links are given', () => {
    const data = templates['event-reminder'].sample;
    expect(renderEmail('event-reminder', data, 'pl').text).not.toContain('Wypisz');
    const withFooter = renderEmail('event-reminder', data, 'pl', { unsubscribeUrl: 'https://x.pl/unsubscribe/t?category=events' });
    expect(withFooter.text).toContain('Wypisz się z tego rodzaju wiadomości: https://x.pl/unsubscribe/t?category=events');
  });

  it('the preview command writes readable PL and EN versions of every template', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preview-'));
    writePreviews(dir);
    const files = readdirSync(dir);
    for (const name of templateNames) {
      for (const lang of ['pl', 'en']) {
        expect(files).toContain(`${name}.${lang}.html`);
        expect(readFileSync(join(dir, `${name}.${lang}.txt`), 'utf8')).toMatch(/^Subject: .+\n\n/);
      }
    }
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('grant-reminder-digest.pl.html');
    expect(() => writePreviews(dir, { template: 'no-such-template' })).toThrow(/Known:/);
  });
});

describe('mail delivery rules', () => {
  it('backs off exponentially with jitter, capped at an hour', () => {
    expect(retryDelayMs(1, () => 0)).toBe(15_000);
    expect(retryDelayMs(1, () => 1)).toBe(30_000);
    expect(retryDelayMs(3, () => 1)).toBe(120_000);
    expect(retryDelayMs(20, () => 1)).toBe(3_600_000);
  });

  it('retries throttling, 5xx and network failures; gives up on refusals', () => {
    expect(classifySesError({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } })).toBeInstanceOf(TransientSendError);
    expect(classifySesError({ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } })).toBeInstanceOf(TransientSendError);
    expect(classifySesError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeInstanceOf(TransientSendError);
    expect(classifySesError({ name: 'MessageRejected', $metadata: { httpStatusCode: 400 } })).toBeInstanceOf(PermanentSendError);
  });

  it('suppresses on permanent bounces and complaints only', async () => {
    const suppressed: string[] = [];
    const deps = { suppress: async (email: string) => void suppressed.push(email), now: () => new Date() };
    await recordSesFeedback({ eventType: 'Bounce', bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'a@x.pl' }] } }, deps);
    await recordSesFeedback({ eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'b@x.pl' }] } }, deps);
    await recordSesFeedback({ eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'c@x.pl' }] } }, deps);
    expect(suppressed).toEqual(['b@x.pl', 'c@x.pl']);
  });
});

describe('local stack plumbing', () => {
  it('applies the manifest’s stream filter like Lambda does', () => {
    const pattern = { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['OUTBOX'] } } } };
    expect(matchesPattern(pattern, { eventName: 'INSERT', dynamodb: { NewImage: { entity: { S: 'OUTBOX' } } } })).toBe(true);
    expect(matchesPattern(pattern, { eventName: 'MODIFY', dynamodb: { NewImage: { entity: { S: 'OUTBOX' } } } })).toBe(false);
    expect(matchesPattern(pattern, { eventName: 'INSERT', dynamodb: { NewImage: { entity: { S: 'APPLICATION' } } } })).toBe(false);
  });

  it('reads simple multipart fields', () => {
    const body = '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n';
    expect(multipartToObject(body, 'b')).toEqual({ 'List-Unsubscribe': 'One-Click' });
  });
});
