import { describe, expect, it } from 'vitest';
import { scheduledEvent } from '../support/invitations.js';
import { useLocalApi } from '../support/local-api.js';
import { waitForEmails } from '../support/mailbox.js';
import { applicationBody, item, verifyLink, verifyToken } from '../support/organisations.js';
import { useMailer } from '../support/stream-poller.js';
import { storedKeys } from '../support/stored-keys.js';
import { settledTableDump, tableDump } from '../support/table-dump.js';

/*
 * The audit log (issue 12, item 1): admin actions write entries in their
 * transactions, naming the administrator by token subject only; GET
 * /admin/audit reads them by actor or target (index queries), newest first,
 * within a time range, page by page; viewers are refused; nothing changes or
 * deletes an entry.
 */
const api = useLocalApi();
useMailer();

/** An application whose applicant confirmed the address: its id. */
async function submitted(): Promise<string> {
  const body = applicationBody();
  const answer = await api.call('POST', '/applications', { json: body });
  expect(answer.status).toBe(202);
  const [verification] = await waitForEmails(body.contact.email, 1);
  expect((await api.call('POST', '/applications/verify', { form: { token: verifyToken(verifyLink(verification!.body.text)) } })).status).toBe(200);
  return answer.json.applicationId as string;
}

const audit = (query: string, role: 'admin' | 'viewer' = 'admin') => api.call('GET', `/admin/audit?${query}`, { role });
const actions = (answer: { json: { items: Array<{ action: string }> } }) => answer.json.items.map((entry) => entry.action);

describe('the audit log', () => {
  it('holds each admin action by the administrator’s subject, found by target and by actor, newest first, in a time range, page by page', { timeout: 60_000 }, async () => {
    const approvedId = await submitted();
    const rejectedId = await submitted();
    const approved = await api.call('POST', `/admin/applications/${approvedId}/approve`, { role: 'admin' });
    expect(approved.status).toBe(200);
    const subject = approved.json.decidedBy as string;
    expect(subject).toMatch(/^local-[0-9a-f]+$/);
    expect((await api.call('POST', `/admin/applications/${rejectedId}/reject`, { role: 'admin', json: { reason: 'Poza regionem.' } })).status).toBe(200);
    const eventId = await scheduledEvent(api.call);
    const started = await api.call('POST', `/admin/events/${eventId}/invitations`, { role: 'admin' });
    expect(started.status).toBe(202);

    // By target: the approval, with the actor by subject alone and the stored item on both indexes.
    const byApplication = await audit(`target=${encodeURIComponent(`application/${approvedId}`)}`);
    expect(byApplication.status).toBe(200);
    expect(byApplication.json.items).toEqual([
      expect.objectContaining({ action: 'application.approve', target: `application/${approvedId}`, actor: { subject }, before: { status: 'SUBMITTED' }, after: { status: 'APPROVED', memberId: approved.json.memberId } }),
    ]);
    const [entry] = byApplication.json.items;
    const stored = await item(storedKeys.audit(entry.at, entry.auditId));
    expect(stored).toMatchObject({ gsi1pk: `AUDIT_ACTOR#${subject}`, gsi2pk: `AUDIT_TARGET#application/${approvedId}`, gsi1sk: `${entry.at}#${entry.auditId}` });
    expect(JSON.stringify(stored)).not.toContain('@');

    // Starting an invitation run is audited with the run it started.
    const byEvent = await audit(`target=${encodeURIComponent(`event/${eventId}`)}`);
    expect(actions(byEvent)).toEqual(['event.invitations.start', 'event.create']);
    expect(byEvent.json.items[0].after).toMatchObject({ runId: started.json.runId });

    // By actor, newest first, one entry per page: the pages together are every action, each once.
    const all = await audit(`actor=${subject}`);
    expect(actions(all)).toEqual(['event.invitations.start', 'event.create', 'application.reject', 'application.approve']);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await audit(`actor=${subject}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      paged.push(...actions(page));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(paged).toEqual(actions(all));

    // A time range on the sort key: from the rejection on; up to before anything; both bounds inclusive.
    const rejection = all.json.items[2];
    expect(actions(await audit(`actor=${subject}&from=${rejection.at}`))).toEqual(['event.invitations.start', 'event.create', 'application.reject']);
    expect(actions(await audit(`actor=${subject}&to=${rejection.at}`))).toEqual(['application.reject', 'application.approve']);
    expect(actions(await audit(`actor=${subject}&to=2020-01-01`))).toEqual([]);
    // Actor and target together; another actor finds nothing.
    expect(actions(await audit(`actor=${subject}&target=${encodeURIComponent(`application/${rejectedId}`)}`))).toEqual(['application.reject']);
    expect(actions(await audit(`actor=someone-else&target=${encodeURIComponent(`application/${rejectedId}`)}`))).toEqual([]);
  });

  it('refuses viewers, a query without actor or target, a bad time and another listing’s cursor; no route changes or deletes an entry', { timeout: 30_000 }, async () => {
    const applicationId = await submitted();
    expect((await api.call('POST', `/admin/applications/${applicationId}/reject`, { role: 'admin', json: { reason: 'Poza regionem.' } })).status).toBe(200);
    const target = `target=${encodeURIComponent(`application/${applicationId}`)}`;
    // Once the mailer has sent the rejection, nothing else writes.
    const before = await settledTableDump();

    const viewer = await audit(target, 'viewer');
    expect(viewer.status).toBe(403);
    expect(viewer.json.error.code).toBe('FORBIDDEN');

    const neither = await audit('from=2026-01-01');
    expect(neither.status).toBe(400);
    expect(neither.json.error.fields).toEqual([expect.objectContaining({ path: 'actor' })]);
    const badTime = await audit(`${target}&from=yesterday`);
    expect(badTime.status).toBe(400);
    expect(badTime.json.error.fields).toEqual([expect.objectContaining({ path: 'from' })]);
    const reversed = await audit(`${target}&from=2026-02-01&to=2026-01-01`);
    expect(reversed.status).toBe(400);
    expect(reversed.json.error.fields).toEqual([expect.objectContaining({ path: 'from' })]);

    // A cursor of the target listing is not one of an actor's listing.
    const first = await audit(`${target}&limit=1`);
    const subject = first.json.items[0].actor.subject as string;
    expect((await audit(`actor=${subject}&limit=1`)).status).toBe(200);
    const forged = Buffer.from(JSON.stringify({ pk: 'AUDIT#2026-01-01', sk: 'x', gsi2pk: `AUDIT_TARGET#application/${applicationId}`, gsi2sk: 'x' })).toString('base64url');
    const wrong = await audit(`actor=${subject}&cursor=${forged}`);
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatchObject({ code: 'INVALID_CURSOR', fields: [expect.objectContaining({ path: 'cursor' })] });

    // The log is read only: API Gateway has no such routes.
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const answer = await api.call(method, '/admin/audit', { role: 'admin', json: {} });
      expect(answer.status, method).toBe(404);
    }
    expect(await tableDump()).toEqual(before);
  });
});
