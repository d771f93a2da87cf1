import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { invokeFunction } from '../../infra/local/load-handler.js';
import { issueLocalToken, type LocalRole } from '../../infra/local/local-issuer.js';
import { manifest } from '../../infra/manifest.js';
import { readSpreadsheet } from '../../shared/http/csv.js';
import { invite, invitee, scheduledEvent, storedInvitation } from '../support/invitations.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail } from '../support/mailbox.js';
import { approvedMember } from '../support/members.js';
import { useMailer } from '../support/stream-poller.js';

const api = useLocalApi();
useMailer();

const organisationName = 'Stowarzyszenie "Edukacja; Rozwój" – Łódź';
const formula = '=HYPERLINK("http://evil.example","Kliknij")';

/**
 * One event, capacity 1, five invitees answering in this order: Żaneta (a
 * member's contact) takes the seat; Bartosz, Celina and Dawid join the
 * waitlist as 1, 2, 3; Bartosz then declines, so Celina and Dawid move up to
 * 1 and 2; Ewa never answers.
 */
async function answeredEvent() {
  const member = await approvedMember(api.call, { name: organisationName });
  const eventId = await scheduledEvent(api.call, { capacity: 1 });
  const email = { zaneta: uniqueEmail('zaneta'), bartosz: uniqueEmail('bartosz'), celina: uniqueEmail('celina'), dawid: uniqueEmail('dawid'), ewa: uniqueEmail('ewa') };
  const tokens = await invite(eventId, [
    invitee('zaneta', { email: email.zaneta, name: 'Żaneta Gęślak-Źdźbło', memberId: member.memberId }),
    invitee('bartosz', { email: email.bartosz, name: formula, language: 'en' }),
    invitee('celina', { email: email.celina, name: 'Celina Nowak' }),
    invitee('dawid', { email: email.dawid, name: '@Dawid', language: 'en' }),
    invitee('ewa', { email: email.ewa, name: 'Ewa Zielińska' }),
  ]);
  const answer = async (who: string, response: 'accept' | 'decline') => {
    const result = await api.call('POST', `/rsvp/${tokens.get(who)}`, { json: { response } });
    expect(result.status, result.text).toBe(200);
  };
  for (const who of ['zaneta', 'bartosz', 'celina', 'dawid']) await answer(who, 'accept');
  await answer('bartosz', 'decline');
  return { eventId, memberId: member.memberId, email, tokens };
}

// Every test here only reads: they share one answered event (a member's approval and five answers take a while on a busy machine).
let answered: Awaited<ReturnType<typeof answeredEvent>>;
beforeAll(async () => {
  answered = await answeredEvent();
}, 60_000);

/** The answer's raw bytes: `fetch`'s text() would drop the byte order mark this test must see. */
async function download(path: string, role: LocalRole = 'viewer', accept = 'text/csv') {
  const response = await fetch(`${api.baseUrl()}${path}`, { headers: { accept, authorization: `Bearer ${await issueLocalToken({ role })}` } });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe('GET /admin/events/{id}/attendees', () => {
  it('lists everyone invited with their organisation, answer, current waitlist rank and answer time, seated first and the waitlist in order, changing nothing', async () => {
    const { eventId, memberId, email, tokens } = answered;
    const before = await Promise.all(['zaneta', 'bartosz', 'celina', 'dawid', 'ewa'].map((id) => storedInvitation(eventId, id)));

    const listed = await api.call('GET', `/admin/events/${eventId}/attendees`, { role: 'viewer' });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.headers.get('content-type')).toMatch(/^application\/json/);
    const [zaneta, bartosz, celina, dawid, ewa] = before;
    expect(listed.json).toEqual({
      items: [
        { inviteeId: 'zaneta', memberId, organisation: organisationName, name: 'Żaneta Gęślak-Źdźbło', email: email.zaneta, language: 'pl', answer: 'ACCEPTED', answeredAt: zaneta!.answeredAt },
        { inviteeId: 'celina', name: 'Celina Nowak', email: email.celina, language: 'pl', answer: 'WAITLISTED', waitlistPosition: 1, answeredAt: celina!.answeredAt },
        { inviteeId: 'dawid', name: '@Dawid', email: email.dawid, language: 'en', answer: 'WAITLISTED', waitlistPosition: 2, answeredAt: dawid!.answeredAt },
        { inviteeId: 'bartosz', name: formula, email: email.bartosz, language: 'en', answer: 'DECLINED', answeredAt: bartosz!.answeredAt },
        { inviteeId: 'ewa', name: 'Ewa Zielińska', email: email.ewa, language: 'pl', answer: 'NONE' },
      ],
    });
    expect(ewa!.answeredAt).toBeUndefined();
    // The rank the list shows is the one the invitee's own RSVP page shows.
    expect((await api.call('GET', `/rsvp/${tokens.get('dawid')}`)).text).toContain('data-waitlist-position>2<');

    // Reading changes nothing: every invitation is still at the version read before.
    const after = await Promise.all(['zaneta', 'bartosz', 'celina', 'dawid', 'ewa'].map((id) => storedInvitation(eventId, id)));
    expect(after).toEqual(before);
  });

  it('answers CSV for Accept: text/csv: UTF-8 with BOM, ; separated, RFC 4180 quoting, Polish letters intact, formulas neutralised, ranks in order', async () => {
    const { eventId, email } = answered;
    const { status, headers, bytes } = await download(`/admin/events/${eventId}/attendees`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toBe(`attachment; filename="attendees-${eventId}.csv"`);
    expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);

    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Organizacja;Osoba;E-mail;Język;Odpowiedź;Pozycja na liście rezerwowej;Czas odpowiedzi (Europe/Warsaw)');
    // A quote doubled and the cell quoted because it holds a quote and the delimiter.
    expect(lines[1]).toMatch(new RegExp(`^"Stowarzyszenie ""Edukacja; Rozwój"" – Łódź";Żaneta Gęślak-Źdźbło;${email.zaneta};pl;ACCEPTED;;\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$`));
    expect(lines.at(-1)).toBe('');

    const sheet = readSpreadsheet(bytes);
    expect([sheet.encoding, sheet.delimiter]).toEqual(['utf-8-bom', ';']);
    const rows = sheet.rows.filter((row) => row.some((cell) => cell !== ''));
    expect(rows.map((row) => [row[1], row[4], row[5]])).toEqual([
      ['Żaneta Gęślak-Źdźbło', 'ACCEPTED', ''],
      ['Celina Nowak', 'WAITLISTED', '1'],
      ["'@Dawid", 'WAITLISTED', '2'],
      [`'${formula}`, 'DECLINED', ''],
      ['Ewa Zielińska', 'NONE', ''],
    ]);
    // Extra invitees belong to no organisation; the time is the Warsaw wall clock of the stored answer.
    expect(rows.slice(1).map((row) => row[0])).toEqual(['', '', '', '']);
    const stored = await storedInvitation(eventId, 'celina');
    const warsaw = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw', dateStyle: 'short', timeStyle: 'short' }).format(new Date(stored!.answeredAt));
    expect(rows[1]![6]).toBe(warsaw);
    expect(rows[4]![6]).toBe('');
  });

  it('filters by ?answer=, in the same order and with the same ranks; refuses an unknown answer naming the field', async () => {
    const { eventId } = answered;
    const waitlisted = await api.call('GET', `/admin/events/${eventId}/attendees?answer=WAITLISTED`, { role: 'admin' });
    expect(waitlisted.json.items.map((item: { inviteeId: string; waitlistPosition: number }) => [item.inviteeId, item.waitlistPosition])).toEqual([
      ['celina', 1],
      ['dawid', 2],
    ]);
    const none = await api.call('GET', `/admin/events/${eventId}/attendees?answer=NONE`, { role: 'viewer' });
    expect(none.json.items.map((item: { inviteeId: string }) => item.inviteeId)).toEqual(['ewa']);

    const sheet = readSpreadsheet((await download(`/admin/events/${eventId}/attendees?answer=DECLINED`)).bytes);
    expect(sheet.rows.filter((row) => row.length > 1).map((row) => row[4])).toEqual(['DECLINED']);

    const refused = await api.call('GET', `/admin/events/${eventId}/attendees?answer=MAYBE`, { role: 'viewer' });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'answer' }] });
  });

  it('an event nobody was invited to yet has an empty list: the header row alone in CSV', async () => {
    const eventId = await scheduledEvent(api.call);
    expect((await api.call('GET', `/admin/events/${eventId}/attendees`, { role: 'viewer' })).json).toEqual({ items: [] });
    const { bytes } = await download(`/admin/events/${eventId}/attendees`);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe('\uFEFFOrganizacja;Osoba;E-mail;Język;Odpowiedź;Pozycja na liście rezerwowej;Czas odpowiedzi (Europe/Warsaw)\r\n');
  });

  it('prefers JSON unless Accept ranks text/csv higher', async () => {
    const eventId = await scheduledEvent(api.call);
    const typeFor = async (accept: string) => (await download(`/admin/events/${eventId}/attendees`, 'viewer', accept)).headers.get('content-type');
    expect(await typeFor('*/*')).toMatch(/^application\/json/);
    expect(await typeFor('application/json, text/csv')).toMatch(/^application\/json/);
    expect(await typeFor('application/json;q=0.5, text/csv')).toMatch(/^text\/csv/);
    expect(await typeFor('text/*')).toMatch(/^text\/csv/);
  });

  it('answers 404 in the error shape for an unknown event (JSON even when CSV was asked for)', async () => {
    const missing = await api.call('GET', '/admin/events/no-such-event/attendees', { role: 'viewer' });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: { code: 'NOT_FOUND', message: 'No event has this id.' } });
    const asCsv = await download('/admin/events/no-such-event/attendees');
    expect([asCsv.status, asCsv.headers.get('content-type')]).toEqual([404, 'application/json; charset=utf-8']);
  });

  it('viewers and admins may read it; no token is 401, a token without a role 403', async () => {
    const eventId = await scheduledEvent(api.call);
    const path = `/admin/events/${eventId}/attendees`;
    expect((await api.call('GET', path, { role: 'admin' })).status).toBe(200);
    expect((await api.call('GET', path, { role: 'viewer' })).status).toBe(200);
    expect((await api.call('GET', path)).status).toBe(401);
    const noRole = await api.call('GET', path, { role: 'none' });
    expect([noRole.status, noRole.json.error.code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('the sample event in events/http', () => {
  it('downloads the accepted attendees as CSV, as npm run invoke runs it', async () => {
    const { eventId } = answered;
    const sample = JSON.parse(readFileSync('events/http/list-attendees.json', 'utf8').replaceAll('6f1d2c3b-0000-4000-8000-00000000e001', eventId));
    const answer = (await invokeFunction(manifest.find((fn) => fn.name === 'list-attendees')!, sample)) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    const sheet = readSpreadsheet(new TextEncoder().encode(answer.body));
    expect(sheet.rows.filter((row) => row.length > 1).map((row) => [row[1], row[4]])).toEqual([['Żaneta Gęślak-Źdźbło', 'ACCEPTED']]);
  });
});
