import { describe, expect, it, vi } from 'vitest';
import { issueLocalToken } from '../../infra/local/local-issuer.js';
import { captureOutput } from '../support/captured-output.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { applicationBody } from '../support/organisations.js';
import { useMailer } from '../support/stream-poller.js';

// Everything the functions could log, whole events included if a deployment ever sets POWERTOOLS_LOGGER_LOG_EVENT.
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
});

/*
 * The data subject routes carry the address in their path: the local API's
 * access log shows route templates, and the functions log no address (issue
 * 12, items 3 and 8).
 */
const accessLog: string[] = [];
const api = useLocalApi((line) => accessLog.push(line));
const streams = useMailer();

describe('data subject requests and the logs', () => {
  it('export, erase and their refusals log route templates, never the address', { timeout: 60_000 }, async () => {
    const baseUrl = api.baseUrl();
    const email = uniqueEmail('Logged.Subject');
    const submitted = await fetch(`${baseUrl}/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(applicationBody({ email })) });
    expect(submitted.status).toBe(202);
    await waitForEmails(email, 1);
    const admin = { authorization: `Bearer ${await issueLocalToken({ role: 'admin' })}` };
    const viewer = { authorization: `Bearer ${await issueLocalToken({ role: 'viewer' })}` };
    const at = (action: string) => `${baseUrl}/admin/contacts/${encodeURIComponent(email)}/${action}`;
    const logged = await captureOutput(async () => {
      expect((await fetch(at('export'), { headers: viewer })).status).toBe(403);
      expect((await fetch(at('export'), { headers: admin })).status).toBe(200);
      expect((await fetch(at('erase'), { method: 'POST', headers: admin })).status).toBe(200);
      expect((await fetch(`${baseUrl}/admin/contacts/${encodeURIComponent(`${email}x@`)}/export`, { headers: admin })).status).toBe(400);
    });
    const everything = [logged, accessLog.join('\n'), streams.log()].join('\n').toLowerCase();
    expect(accessLog.join('\n')).toContain('/admin/contacts/{email}/export');
    expect(everything).not.toContain(email.toLowerCase());
    expect(everything).not.toContain(encodeURIComponent(email).toLowerCase());
  });
});
