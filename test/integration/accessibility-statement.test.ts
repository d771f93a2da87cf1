import { describe, expect, it } from 'vitest';
import { useLocalApi } from '../support/local-api.js';

const api = useLocalApi();

describe('GET /accessibility', () => {
  it('answers the statement in Polish by default: what was checked, known limits, and the office address to write to', async () => {
    const answer = await api.call('GET', '/accessibility');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(answer.text).toContain('<html lang="pl">');
    expect(answer.text).toContain('<h1>Deklaracja dostępności</h1>');
    expect(answer.text).toContain('Co i jak sprawdzamy');
    expect(answer.text).toContain('Znane ograniczenia');
    // The test environment's MAIL_FROM, without its display name.
    const office = /<([^>]+)>/.exec(process.env.MAIL_FROM!)?.[1] ?? process.env.MAIL_FROM!;
    expect(answer.text).toContain(`<a href="mailto:${office}">${office}</a>`);
    expect(answer.text).toContain('href="/accessibility?lang=en" lang="en">English</a>');
  });

  it('answers in English with ?lang=en', async () => {
    const answer = await api.call('GET', '/accessibility?lang=en');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<html lang="en">');
    expect(answer.text).toContain('<h1>Accessibility statement</h1>');
    expect(answer.text).toContain('What we check and how');
  });

  it('refuses a language it does not have: 400 naming the field', async () => {
    const answer = await api.call('GET', '/accessibility?lang=de');
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ path: 'lang' })] });
  });

  it('takes no POST: only reading the statement is a route', async () => {
    expect((await api.call('POST', '/accessibility', { form: {} })).status).toBe(404);
  });
});

describe('every page’s footer links the statement in its language', () => {
  it.each([
    ['/apply', 'pl', 'Deklaracja dostępności'],
    ['/apply?lang=en', 'en', 'Accessibility statement'],
    ['/apply?lang=en&submitted=1', 'en', 'Accessibility statement'],
    ['/applications/verify?token=made-up-token-that-never-existed', 'pl', 'Deklaracja dostępności'],
    ['/rsvp/made-up-token-that-never-existed?lang=en', 'en', 'Accessibility statement'],
    ['/unsubscribe/made-up-token-that-never-existed', 'pl', 'Deklaracja dostępności'],
    ['/colleagues/made-up-token-that-never-existed?lang=en', 'en', 'Accessibility statement'],
    ['/contacts/confirm/made-up-token-that-never-existed', 'pl', 'Deklaracja dostępności'],
    ['/accessibility?lang=en', 'en', 'Accessibility statement'],
  ])('%s', async (path, lang, label) => {
    const answer = await api.call('GET', path);
    expect(answer.headers.get('content-type')).toContain('text/html');
    expect(answer.text).toContain(`<footer><a href="/accessibility?lang=${lang}">${label}</a></footer>`);
  });
});
