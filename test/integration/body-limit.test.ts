import { describe, expect, it } from 'vitest';
import { maxBodyBytes } from '../../shared/http/body-limit.js';
import { useLocalApi } from '../support/local-api.js';

const api = useLocalApi();
const browser = { accept: 'text/html,application/xhtml+xml' };

describe('the functions’ own body limit', () => {
  it('refuses a JSON body over 256 KB with 413 in the error shape, before parsing it', async () => {
    const answer = await api.call('POST', '/applications', { json: { organisation: { name: 'x'.repeat(maxBodyBytes) } } });
    expect(answer.status).toBe(413);
    expect(answer.json).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large (at most 256 KB).' } });
  });

  it('refuses an oversized browser form post with 413 and a short answer, never the value sent', async () => {
    const answer = await api.call('POST', '/applications', { form: { 'organisation.name': 'x'.repeat(maxBodyBytes) }, headers: browser });
    expect(answer.status).toBe(413);
    expect(answer.text.length).toBeLessThan(60_000);
    expect(answer.text).not.toContain('x'.repeat(1000));
  });

  it('takes a body just under the limit to validation, and the form echoes no field beyond its maximum', async () => {
    const answer = await api.call('POST', '/applications', { form: { 'organisation.name': 'x'.repeat(maxBodyBytes - 1000), formLanguage: 'en' }, headers: browser });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.text.length).toBeLessThan(60_000);
    expect(answer.text).toContain('x'.repeat(200));
    expect(answer.text).not.toContain('x'.repeat(201));
  });
});
