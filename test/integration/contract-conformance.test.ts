import { beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { httpRoutes } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import { issueLocalToken, type LocalRole } from '../../infra/local/local-issuer.js';
import type { RouteContract } from '../../shared/http/route.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { queueFailed, verificationTo } from '../support/outbox-helpers.js';
import { applicationBody, asForm, validNip, verifyLink, verifyToken } from '../support/organisations.js';
import { createdGrant, grantBody } from '../support/grants.js';
import { invite, invitee } from '../support/invitations.js';
import { approvedMember, confirmationLink } from '../support/members.js';
import { useMailer } from '../support/stream-poller.js';

/**
 * `/openapi.json` says exactly what the server does: real requests, valid and
 * invalid, go to every route through the local API, and each answer's status,
 * content type and body are checked against the document's responses. A
 * status or content type the document does not list is a failure.
 */
const api = useLocalApi();
useMailer();
const routes = httpRoutes(manifest).map(({ route }) => route);
const browser = { accept: 'text/html,application/xhtml+xml' };

type JsonSchema = Record<string, any>;
interface Operation {
  parameters: Array<{ name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: JsonSchema }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
}

interface Request {
  method: string;
  path: string;
  role?: LocalRole;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  contentType?: string;
  label: string;
}

let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, JsonSchema> } };
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const validators = new Map<string, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema).replaceAll('#/components/schemas/', 'components#/$defs/');
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(JSON.parse(key));
    validators.set(key, validate);
  }
  return validate;
}

/** What one answer breaks in the document, if anything; `seen` collects the statuses answered. */
async function mismatches(route: RouteContract, request: Request, seen: Set<number>): Promise<string[]> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.role) headers.authorization = `Bearer ${await issueLocalToken({ role: request.role })}`;
  if (request.contentType) headers['content-type'] = request.contentType;
  const response = await fetch(`${api.baseUrl()}${request.path}`, { method: request.method, headers, body: request.body, redirect: 'manual' });
  const text = await response.text();
  seen.add(response.status);
  const where = `${request.label}: ${request.method} ${request.path.slice(0, 80)} → ${response.status}`;
  const documented = document.paths[route.path]?.[route.method.toLowerCase()]?.responses[String(response.status)];
  if (!documented) return [`${where}: status not in the document (${text.slice(0, 200)})`];
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (!documented.content) return text === '' ? [] : [`${where}: the document lists no body, got ${contentType} ${text.slice(0, 100)}`];
  const media = documented.content[contentType];
  if (!media) return [`${where}: content type ${contentType || '(none)'} not in the document (${Object.keys(documented.content).join(', ')})`];
  let value: unknown = text;
  if (contentType === 'application/json') {
    try {
      value = JSON.parse(text);
    } catch {
      return [`${where}: body is not JSON`];
    }
  }
  const validate = validatorFor(media.schema);
  return validate(value) ? [] : [`${where}: body does not match the document: ${ajv.errorsText(validate.errors)} in ${text.slice(0, 300)}`];
}

/** A concrete value for a parameter that satisfies its schema, where one can be made up. */
function sampleOf(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return String(schema.enum[0]);
  if (schema.const !== undefined) return String(schema.const);
  if (schema.type === 'integer' || schema.type === 'number') return String(schema.minimum ?? 1);
  const text = 'unknown-0123456789abcdef';
  return text.slice(0, Math.max(schema.minLength ?? 0, Math.min(text.length, schema.maxLength ?? text.length)));
}

/** Values a parameter's schema refuses. */
function invalidOf(schema: JsonSchema): string[] {
  const values: string[] = [];
  if (Array.isArray(schema.enum)) values.push('not-one-of-them');
  if (schema.type === 'integer' || schema.type === 'number') values.push('abc', String((schema.maximum ?? 1000) + 1));
  if (typeof schema.maxLength === 'number') values.push('x'.repeat(schema.maxLength + 1));
  if (typeof schema.minLength === 'number' && schema.minLength > 1) values.push('x');
  return values;
}

function pathWith(route: RouteContract, operation: Operation, overrides: Record<string, string> = {}) {
  return route.path.replace(/\{(\w+)\+?\}/g, (_match, name: string) => {
    const parameter = operation.parameters.find((one) => one.in === 'path' && one.name === name);
    return encodeURIComponent(overrides[name] ?? sampleOf(parameter?.schema ?? {}));
  });
}

function queryWith(operation: Operation, overrides: Record<string, string> = {}) {
  const query = new URLSearchParams();
  for (const parameter of operation.parameters.filter((one) => one.in === 'query')) {
    if (parameter.name in overrides) query.set(parameter.name, overrides[parameter.name]!);
    else if (parameter.required) query.set(parameter.name, sampleOf(parameter.schema));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** Requests any route of its kind can get: the token matrix, broken parameters, hostile bodies. */
function genericRequests(route: RouteContract, operation: Operation): Request[] {
  const role: LocalRole | undefined = route.access === 'public' ? undefined : 'admin';
  const path = pathWith(route, operation) + queryWith(operation);
  const base = { method: route.method, role };
  const requests: Request[] = [{ ...base, path, label: 'plain' }];
  if (route.access !== 'public') {
    requests.push({ method: route.method, path, label: 'no token' }, { method: route.method, path, role: 'none', label: 'no role' }, { ...base, role: 'viewer', path, label: 'viewer' });
  }
  for (const parameter of operation.parameters) {
    for (const bad of invalidOf(parameter.schema)) {
      if (parameter.in === 'path') requests.push({ ...base, path: pathWith(route, operation, { [parameter.name]: bad }) + queryWith(operation), label: `path ${parameter.name}` });
      if (parameter.in === 'query') requests.push({ ...base, path: pathWith(route, operation) + queryWith(operation, { [parameter.name]: bad }), label: `query ${parameter.name}` });
      if (parameter.in === 'header') requests.push({ ...base, path, headers: { [parameter.name]: bad }, label: `header ${parameter.name}` });
    }
  }
  if (route.body) {
    const json = 'application/json';
    const form = 'application/x-www-form-urlencoded';
    requests.push(
      { ...base, path, contentType: json, body: '{}', label: 'empty object' },
      { ...base, path, contentType: json, body: 'null', label: 'null body' },
      { ...base, path, contentType: json, body: '[]', label: 'array body' },
      { ...base, path, contentType: json, body: '{"a":', label: 'broken JSON' },
      { ...base, path, contentType: json, body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), label: 'not UTF-8' },
      { ...base, path, contentType: 'text/xml', body: '<a/>', label: 'unsupported media type' },
      { ...base, path, contentType: form, body: 'x=1', label: 'program form' },
      { ...base, path, contentType: form, body: 'x=1', headers: browser, label: 'browser form' },
      { ...base, path, contentType: form, body: 'x=%FF', headers: browser, label: 'browser form, not UTF-8' },
      { ...base, path, contentType: 'multipart/form-data; boundary=b', body: '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--b--\r\n', label: 'multipart' },
      { ...base, path, contentType: json, body: JSON.stringify({ x: 'x'.repeat(300 * 1024) }), label: 'oversized body' },
    );
  }
  return requests;
}

/** A new application and the link of its verification email. */
async function pendingApplication() {
  const body = applicationBody({ language: 'en' });
  const submitted = await api.call('POST', '/applications', { json: body });
  const [email] = await waitForEmails(body.contact.email, 1);
  return { id: submitted.json.applicationId as string, link: verifyLink(email?.body.text) };
}

/** An application whose applicant confirmed the email: the office can decide it. */
async function submittedApplication() {
  const pending = await pendingApplication();
  const confirmed = await api.call('POST', '/applications/verify', { form: { token: verifyToken(pending.link) } });
  expect(confirmed.status).toBe(200);
  return pending;
}

/** A valid new event (times in Warsaw local time), as an administrator sends it. */
const eventBody = () => ({
  title: { pl: 'Seminarium', en: 'Seminar' },
  description: { pl: 'Opis.\nDruga linia.', en: 'Description.' },
  type: 'seminar',
  start: '2027-05-20T10:00',
  end: '2027-05-20T12:00',
  rsvpDeadline: '2027-05-13T12:00',
  venue: 'ul. Kuźnicza 10, Wrocław',
  capacity: 20,
  audience: { scope: 'segment', interests: ['it'] },
  extraInvitees: [{ email: 'partner@example.de', name: 'Hans Partner', language: 'en' }],
});

/** An event created through the API: its id. */
async function createdEvent() {
  const created = await api.call('POST', '/admin/events', { role: 'admin', json: eventBody() });
  expect(created.status).toBe(201);
  return created.json.eventId as string;
}

/** Requests that reach the answers only real data gives (202, 303, 409, a found record), for the routes that have them. */
async function scenarioRequests(route: RouteContract): Promise<Request[]> {
  const admin = 'admin' as const;
  const json = 'application/json';
  const form = 'application/x-www-form-urlencoded';
  const formOf = (fields: Record<string, string | string[]>) =>
    new URLSearchParams(Object.entries(fields).flatMap(([name, value]) => [value].flat().map((one): [string, string] => [name, one]))).toString();
  switch (route.operationId) {
    case 'submitApplication': {
      const taken = applicationBody();
      const key = `conformance-${validNip()}`;
      return [
        { method: 'POST', path: '/applications', contentType: json, body: JSON.stringify(taken), label: 'valid application' },
        { method: 'POST', path: '/applications', contentType: json, body: JSON.stringify(applicationBody({ nip: taken.organisation.nip })), label: 'NIP taken' },
        { method: 'POST', path: '/applications', contentType: form, headers: browser, body: formOf(asForm(applicationBody({ nip: taken.organisation.nip }))), label: 'NIP taken, browser' },
        { method: 'POST', path: '/applications', contentType: form, headers: browser, body: formOf(asForm(applicationBody())), label: 'browser form' },
        { method: 'POST', path: '/applications', contentType: form, body: formOf(asForm(applicationBody())), label: 'program form' },
        { method: 'POST', path: '/applications', contentType: form, headers: browser, body: formOf({ ...asForm(applicationBody()), 'organisation.nip': '1234567890' }), label: 'invalid, browser' },
        { method: 'POST', path: '/applications', contentType: json, body: JSON.stringify({ ...taken, organisation: { ...taken.organisation, name: 'Szkoła\r\nBcc: evil@example.com' } }), label: 'header injection' },
        { method: 'POST', path: '/applications', contentType: json, headers: { 'idempotency-key': key }, body: JSON.stringify(applicationBody()), label: 'idempotent, first' },
        { method: 'POST', path: '/applications', contentType: json, headers: { 'idempotency-key': key }, body: JSON.stringify(applicationBody()), label: 'idempotency key reused' },
        { method: 'POST', path: '/applications', contentType: form, headers: browser, body: formOf({ ...asForm(applicationBody()), idempotencyKey: key }), label: 'idempotency key reused, browser' },
      ];
    }
    case 'applyPage':
      return [
        { method: 'GET', path: '/apply', label: 'form' },
        { method: 'GET', path: '/apply?lang=en&submitted=1', label: 'thanks' },
      ];
    case 'verificationPage': {
      const { link } = await pendingApplication();
      return [
        { method: 'GET', path: link, label: 'confirmation page' },
        { method: 'GET', path: '/applications/verify?token=made-up-token-that-never-existed', label: 'unknown link' },
      ];
    }
    case 'verifyApplication': {
      const { link } = await pendingApplication();
      const body = formOf({ token: verifyToken(link) });
      return [
        { method: 'POST', path: '/applications/verify', contentType: form, headers: browser, body, label: 'confirm' },
        { method: 'POST', path: '/applications/verify', contentType: form, headers: browser, body, label: 'confirm again' },
        { method: 'POST', path: '/applications/verify', contentType: json, body: JSON.stringify({ token: verifyToken(link) }), label: 'confirm, program' },
      ];
    }
    case 'getApplication': {
      const { id } = await pendingApplication();
      const path = route.path.replace('{id}', id);
      return [{ method: 'GET', path, role: admin, label: 'found' }, { method: 'GET', path, role: 'viewer', label: 'found, viewer' }];
    }
    case 'approveApplication':
    case 'rejectApplication': {
      const pending = await pendingApplication();
      const { id } = await submittedApplication();
      const body = route.body ? JSON.stringify({ reason: 'Brak statutu.\r\nProsimy o uzupełnienie.' }) : undefined;
      const decide = (applicationId: string, label: string): Request => ({
        method: 'POST',
        path: route.path.replace('{id}', applicationId),
        role: admin,
        contentType: body ? json : undefined,
        body,
        label,
      });
      return [decide(pending.id, 'not submitted yet'), decide(id, 'decide'), decide(id, 'decided already')];
    }
    case 'getMember': {
      const { id } = await submittedApplication();
      const approved = await api.call('POST', `/admin/applications/${id}/approve`, { role: admin });
      expect(approved.status).toBe(200);
      return [{ method: 'GET', path: `/admin/members/${approved.json.memberId}`, role: 'viewer', label: 'found' }];
    }
    case 'listApplications':
      return [
        { method: 'GET', path: '/admin/applications?status=PENDING_VERIFICATION&limit=1', role: admin, label: 'one page' },
        { method: 'GET', path: '/admin/applications?cursor=e30', role: admin, label: 'forged cursor' },
      ];
    case 'listMembers':
      return [
        { method: 'GET', path: '/admin/members?status=ACTIVE&type=school&interest=it', role: admin, label: 'filtered' },
        { method: 'GET', path: '/admin/members?q=zesp&limit=5', role: 'viewer', label: 'search' },
        { method: 'GET', path: '/admin/members?q=zesp&cursor=e30', role: admin, label: 'search with a cursor' },
      ];
    case 'updateMember': {
      const { memberId } = await approvedMember(api.call);
      const path = `/admin/members/${memberId}`;
      const patch = (body: unknown, label: string, at = path): Request => ({ method: 'PATCH', path: at, role: admin, contentType: json, body: JSON.stringify(body), label });
      return [
        patch({ name: 'Zespół Szkół po zmianie', interests: ['it', 'languages'], version: 1 }, 'change'),
        patch({ status: 'SUSPENDED', statusReason: 'Składka nieopłacona.' }, 'suspend'),
        patch({ name: 'Nazwa ze starej wersji', version: 1 }, 'stale version'),
        patch({ status: 'SUSPENDED', statusReason: 'Jeszcze raz.' }, 'bad status change'),
        patch({ interests: ['astrology'] }, 'unknown interest'),
        patch({ name: 'Nieznany członek' }, 'unknown member', '/admin/members/no-such-member'),
      ];
    }
    case 'addContact': {
      const { memberId, email } = await approvedMember(api.call);
      const path = `/admin/members/${memberId}/contacts`;
      const add = (body: unknown, label: string, at = path): Request => ({ method: 'POST', path: at, role: admin, contentType: json, body: JSON.stringify(body), label });
      const contact = { name: 'Tomasz Nowak', email: uniqueEmail('conformance-contact'), role: 'Koordynator', phone: '+48 71 000 00 00', receives: ['grants'] };
      return [add(contact, 'add'), add({ ...contact, email }, 'duplicate address'), add(contact, 'unknown member', '/admin/members/no-such-member/contacts')];
    }
    case 'updateContact':
    case 'removeContact': {
      const { memberId } = await approvedMember(api.call);
      const added = await api.call('POST', `/admin/members/${memberId}/contacts`, { role: admin, json: { name: 'Tomasz Nowak', email: uniqueEmail('conformance-contact'), role: 'Koordynator' } });
      const primaryId = added.json.contacts.find((contact: { primary: boolean }) => contact.primary).contactId as string;
      const at = (contactId: string) => `/admin/members/${memberId}/contacts/${contactId}`;
      if (route.operationId === 'removeContact') {
        return [
          { method: 'DELETE', path: at(primaryId), role: admin, label: 'last lasting contact' },
          { method: 'DELETE', path: at(added.json.contactId), role: admin, label: 'remove' },
          { method: 'DELETE', path: at('no-such-contact'), role: admin, label: 'unknown contact' },
        ];
      }
      const patch = (contactId: string, body: unknown, label: string): Request => ({ method: 'PATCH', path: at(contactId), role: admin, contentType: json, body: JSON.stringify(body), label });
      return [
        patch(added.json.contactId, { role: 'Koordynatorka projektów', receives: ['events'] }, 'change'),
        patch(added.json.contactId, { primary: true }, 'unconfirmed addition made primary'),
        patch(primaryId, { phone: null, email: uniqueEmail('conformance-new') }, 'new address'),
        patch('no-such-contact', { role: 'Dyrektor' }, 'unknown contact'),
      ];
    }
    case 'contactConfirmationPage':
    case 'confirmContact': {
      const { memberId } = await approvedMember(api.call);
      const address = uniqueEmail('conformance-confirm');
      await api.call('POST', `/admin/members/${memberId}/contacts`, { role: admin, json: { name: 'Tomasz Nowak', email: address, role: 'Koordynator' } });
      const link = await confirmationLink(address);
      const method = route.method;
      return [
        { method, path: link, label: 'the link' },
        { method, path: link, label: 'the link again' },
        { method, path: '/contacts/confirm/made-up-token-that-never-existed', label: 'unknown link' },
      ];
    }
    case 'colleaguesPage':
      return [{ method: 'GET', path: (await approvedMember(api.call)).colleaguesLink, label: 'the form' }];
    case 'addColleague': {
      const { colleaguesLink, email } = await approvedMember(api.call);
      const colleague = { name: 'Tomasz Nowak', email: uniqueEmail('conformance-colleague'), role: 'Koordynator', language: 'en' };
      return [
        { method: 'POST', path: colleaguesLink, contentType: form, headers: browser, body: formOf(colleague), label: 'add' },
        { method: 'POST', path: colleaguesLink, contentType: form, headers: browser, body: formOf({ ...colleague, email: 'nope' }), label: 'invalid, browser' },
        { method: 'POST', path: colleaguesLink, contentType: json, body: JSON.stringify({ ...colleague, email: 'nope' }), label: 'invalid, program' },
        { method: 'POST', path: colleaguesLink, contentType: form, headers: browser, body: formOf({ ...colleague, email }), label: 'duplicate, browser' },
        { method: 'POST', path: colleaguesLink, contentType: json, body: JSON.stringify({ ...colleague, email }), label: 'duplicate, program' },
      ];
    }
    case 'retryOutboxMessage': {
      const path = route.path.replace('{id}', await queueFailed(verificationTo(uniqueEmail('conformance-retry'))));
      return [{ method: 'POST', path, role: admin, label: 'retry' }, { method: 'POST', path, role: admin, label: 'not FAILED any more' }];
    }
    case 'createEvent':
      return [
        { method: 'POST', path: '/admin/events', role: admin, contentType: json, body: JSON.stringify(eventBody()), label: 'valid event' },
        { method: 'POST', path: '/admin/events', role: admin, contentType: json, body: JSON.stringify({ ...eventBody(), start: '2027-03-28T02:30' }), label: 'a time that does not exist' },
      ];
    case 'listEvents':
      await createdEvent();
      return [
        { method: 'GET', path: '/admin/events?from=2027-05-01&to=2027-05-31&status=SCHEDULED&limit=1', role: 'viewer', label: 'one page' },
        { method: 'GET', path: '/admin/events?cursor=e30', role: admin, label: 'forged cursor' },
        { method: 'GET', path: '/admin/events?from=2027-05-02&to=2027-05-01', role: admin, label: 'to before from' },
      ];
    case 'getEvent': {
      const path = route.path.replace('{id}', await createdEvent());
      return [{ method: 'GET', path, role: admin, label: 'found' }, { method: 'GET', path, role: 'viewer', label: 'found, viewer' }];
    }
    case 'updateEvent':
    case 'cancelEvent': {
      const id = await createdEvent();
      const change = (body: unknown, label: string, eventId = id): Request => ({
        method: route.method,
        path: route.path.replace('{id}', eventId),
        role: admin,
        contentType: json,
        body: JSON.stringify(body),
        label,
      });
      if (route.operationId === 'cancelEvent') return [change({ reason: 'Odwołane.' }, 'cancel'), change({}, 'cancelled already')];
      return [change({ capacity: 25, version: 1 }, 'change'), change({ capacity: 30, version: 1 }, 'stale version'), change({ end: '2027-05-20T09:00' }, 'end before start')];
    }
    case 'startInvitations': {
      const path = route.path.replace('{id}', await createdEvent());
      const cancelled = await createdEvent();
      expect((await api.call('POST', `/admin/events/${cancelled}/cancel`, { role: admin, json: {} })).status).toBe(200);
      return [
        { method: 'POST', path, role: admin, label: 'start' },
        { method: 'POST', path: route.path.replace('{id}', cancelled), role: admin, label: 'cancelled event' },
      ];
    }
    case 'listAttendees': {
      const eventId = await createdEvent();
      await invite(eventId, [invitee('conformance-attendee', { email: uniqueEmail('conformance-attendee') })]);
      const path = route.path.replace('{id}', eventId);
      return [
        { method: 'GET', path, role: 'viewer', label: 'JSON' },
        { method: 'GET', path: `${path}?answer=NONE`, role: admin, headers: { accept: 'text/csv' }, label: 'CSV, filtered' },
        { method: 'GET', path: route.path.replace('{id}', 'no-such-event'), role: admin, headers: { accept: 'text/csv' }, label: 'unknown event, CSV asked' },
      ];
    }
    case 'rsvpPage':
    case 'answerInvitation': {
      const eventId = await createdEvent();
      const tokens = await invite(eventId, [invitee('conformance-1', { email: uniqueEmail('conformance-rsvp') })]);
      const path = route.path.replace('{token}', tokens.get('conformance-1')!);
      if (route.operationId === 'rsvpPage') return [{ method: 'GET', path: `${path}?response=accept`, label: 'the page, accept preselected' }];
      return [
        { method: 'POST', path, contentType: form, headers: browser, body: formOf({ response: 'accept' }), label: 'accept' },
        { method: 'POST', path, contentType: json, body: JSON.stringify({ response: 'decline' }), label: 'decline, program' },
        { method: 'POST', path, contentType: json, body: JSON.stringify({ response: 'maybe' }), label: 'neither' },
      ];
    }
    case 'createGrant':
      return [
        { method: 'POST', path: '/admin/grants', role: admin, contentType: json, body: JSON.stringify(grantBody()), label: 'valid call' },
        { method: 'POST', path: '/admin/grants', role: admin, contentType: json, body: JSON.stringify(grantBody({ deadline: '2027-03-28T02:30' })), label: 'a deadline that does not exist' },
      ];
    case 'listGrants':
      await createdGrant(api.call);
      return [
        { method: 'GET', path: '/admin/grants?status=open&limit=1', role: 'viewer', label: 'one page' },
        { method: 'GET', path: '/admin/grants?status=closed', role: admin, label: 'closed' },
        { method: 'GET', path: '/admin/grants?cursor=e30', role: admin, label: 'forged cursor' },
      ];
    case 'getGrant': {
      const path = route.path.replace('{id}', (await createdGrant(api.call)).callId);
      return [{ method: 'GET', path, role: 'viewer', label: 'found' }];
    }
    case 'updateGrant':
    case 'deleteGrant': {
      const path = route.path.replace('{id}', (await createdGrant(api.call)).callId);
      if (route.operationId === 'deleteGrant') return [{ method: 'DELETE', path: `${path}?version=2`, role: admin, label: 'stale' }, { method: 'DELETE', path, role: admin, label: 'delete' }];
      const change = (body: unknown, label: string): Request => ({ method: 'PATCH', path, role: admin, contentType: json, body: JSON.stringify(body), label });
      return [change({ offsets: [10, 3], version: 1 }, 'change'), change({ url: 'https://example.eu/', version: 1 }, 'stale version'), change({ deadline: '2020-01-01T10:00' }, 'deadline past')];
    }
    case 'importGrants': {
      const csv = 'text/csv';
      const file = 'Program;Identyfikator naboru;Tytuł;Adres;Termin\nErasmus+;CONF-1;Nabór;https://erasmus-plus.ec.europa.eu/;2027-03-05T12:00\n';
      return [
        { method: 'POST', path: route.path, role: admin, contentType: csv, body: file, label: 'good file' },
        { method: 'POST', path: route.path, role: admin, contentType: csv, body: file.replace('2027-03-05', '2020-03-05'), label: 'bad row' },
        { method: 'POST', path: route.path, role: admin, contentType: csv, body: 'Program\n"x\n', label: 'unreadable' },
        { method: 'POST', path: route.path, role: admin, contentType: json, body: '{}', label: 'JSON' },
      ];
    }
    case 'listAudit':
      return [
        { method: 'GET', path: `${route.path}?target=${encodeURIComponent('event/none')}&from=2026-01-01&to=2027-12-31T23:59:59Z`, role: admin, label: 'by target, in a range' },
        { method: 'GET', path: `${route.path}?actor=someone&cursor=e30`, role: admin, label: 'forged cursor' },
      ];
    case 'exportContactData':
    case 'eraseContactData': {
      const applicant = applicationBody();
      expect((await api.call('POST', '/applications', { json: applicant })).status).toBe(202);
      const at = (email: string) => route.path.replace('{email}', encodeURIComponent(email));
      return [
        { method: route.method, path: at(applicant.contact.email), role: admin, label: 'an applicant' },
        { method: route.method, path: at(uniqueEmail('nobody')), role: admin, label: 'nothing held' },
      ];
    }
    default:
      return [];
  }
}

beforeAll(async () => {
  const answer = await api.call('GET', '/openapi.json');
  expect(answer.status).toBe(200);
  document = answer.json;
  ajv.addSchema({ $id: 'components', $defs: document.components.schemas });
});

describe('every answer is one the document describes', () => {
  it('the document has an operation for every manifest route', () => {
    for (const route of routes) expect(document.paths[route.path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
  });

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))('%s', async (_name, route) => {
    const operation = document.paths[route.path]![route.method.toLowerCase()]!;
    const requests = [...genericRequests(route, operation), ...(await scenarioRequests(route))];
    const problems: string[] = [];
    const seen = new Set<number>();
    for (const request of requests) problems.push(...(await mismatches(route, request, seen)));
    expect(problems).toEqual([]);
    // The sample reaches the route's own answers, not only refusals (links from member mail need an invitation or a digest first).
    const successes = Object.keys(route.responses).map(Number).filter((status) => status < 400);
    if (!route.path.includes('{token}')) expect([...seen].sort()).toEqual(expect.arrayContaining(successes));
  });

  it('every operation documents the 503 a failing dependency gives: the error shape, a page for a browser, and Retry-After', () => {
    for (const route of routes) {
      const unavailable = document.paths[route.path]![route.method.toLowerCase()]!.responses['503'] as unknown as { headers?: Record<string, unknown>; content: Record<string, unknown> };
      expect(Object.keys(unavailable.content).sort(), `${route.method} ${route.path}`).toEqual(['application/json', 'text/html']);
      expect(unavailable.headers?.['Retry-After'], `${route.method} ${route.path}`).toMatchObject({ schema: { type: 'integer' } });
    }
  });

  it('the document’s schemas say what the server enforces for an application', () => {
    const body = document.paths['/applications']!.post!.requestBody!.content['application/json']!.schema;
    expect(body.required).toEqual(expect.arrayContaining(['organisation', 'contact', 'interests', 'consents']));
    expect(body.properties.organisation.required).not.toContain('country');
    expect(body.properties.organisation.properties.country.default).toBe('PL');
    expect(body.properties.interests).toMatchObject({ minItems: 1, maxItems: body.properties.interests.items.enum.length, uniqueItems: true });
    expect(body.properties.consents.properties.statute).toMatchObject({ const: true });
    expect(body.properties.consents.properties.dataProcessing).toMatchObject({ const: true });
    for (const status of ['400', '409']) expect(Object.keys(document.paths['/applications']!.post!.responses[status]!.content!)).toEqual(['application/json', 'text/html']);
  });
});
