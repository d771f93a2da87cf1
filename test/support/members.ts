import { expect } from 'vitest';
import type { Answer, CallOptions } from './local-api.js';
import { waitForEmails, type SentEmail } from './mailbox.js';
import { applicationBody, verifyLink, verifyToken } from './organisations.js';

type Call = (method: string, path: string, options?: CallOptions) => Promise<Answer>;

/** The path of the first link in an email's text that starts with `prefix`, e.g. `/contacts/confirm/`. */
export function linkIn(email: SentEmail | undefined, prefix: string): string {
  const match = new RegExp(`${prefix.replace(/[/]/g, '\\/')}[\\w-]+`).exec(email?.body.text ?? '');
  if (!match) throw new Error(`no ${prefix} link in the email`);
  return match[0];
}

export const tokenOf = (link: string) => link.split('/').pop()!;

/** Applies, confirms the address and approves, as an applicant and an administrator would: the new member, its primary contact's address and the welcome email. */
export async function approvedMember(call: Call, overrides: Parameters<typeof applicationBody>[0] = {}) {
  const body = applicationBody(overrides);
  const submitted = await call('POST', '/applications', { json: body });
  expect(submitted.status).toBe(202);
  const [verification] = await waitForEmails(body.contact.email, 1);
  expect((await call('POST', '/applications/verify', { form: { token: verifyToken(verifyLink(verification!.body.text)) } })).status).toBe(200);
  const approved = await call('POST', `/admin/applications/${submitted.json.applicationId}/approve`, { role: 'admin' });
  expect(approved.status).toBe(200);
  const [welcome] = await waitForEmails(body.contact.email, 1, 10_000, (email) => email.body.text?.includes('/colleagues/') ?? false);
  return { memberId: approved.json.memberId as string, body, email: body.contact.email, welcome: welcome!, colleaguesLink: linkIn(welcome, '/colleagues/') };
}

/** The confirmation link of the newest confirmation email to an address. */
export async function confirmationLink(to: string, count = 1): Promise<string> {
  const emails = await waitForEmails(to, count, 10_000, (email) => email.body.text?.includes('/contacts/confirm/') ?? false);
  expect(emails.length).toBeGreaterThanOrEqual(count);
  return linkIn(emails.sort((a, b) => a.at - b.at).at(-1), '/contacts/confirm/');
}
