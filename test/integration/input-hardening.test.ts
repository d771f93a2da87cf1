import { describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { httpRoutes } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import { issueLocalToken } from '../../infra/local/local-issuer.js';
import { storedKeys } from '../support/stored-keys.js';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { createSesSender } from '../../shared/adapters/mail/ses-sender.js';
import { config } from '../../shared/config.js';
import { interestCodes } from '../../shared/domain/organisations/reference-data.js';
import type { RouteContract } from '../../shared/http/route.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { applicationBody, asForm, item } from '../support/organisations.js';

const api = useLocalApi();
const browser = { accept: 'text/html,application/xhtml+xml' };
const bodyRoutes = httpRoutes(manifest).filter(({ route }) => route.body);

async function allItems(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new ScanCommand({ TableName: config.TABLE_NAME, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** A concrete path for a route: every `{param}` filled with a value no record has. */
const pathOf = (route: RouteContract) => route.path.replace(/\{(\w+)\+?\}/g, 'unknown-0123456789abcdef');

async function post(route: RouteContract, body: string | Buffer, contentType: string, headers: Record<string, string> = {}) {
  const all: Record<string, string> = { 'content-type': contentType, ...headers };
  if (route.access !== 'public') all.authorization = `Bearer ${await issueLocalToken({ role: 'admin' })}`;
  const response = await fetch(`${api.baseUrl()}${pathOf(route)}`, {
    method: route.method,
    headers: all,
    body: new Uint8Array(body instanceof Buffer ? body : Buffer.from(body)),
    redirect: 'manual',
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

const errorShape = (code: string) => ({ error: { code, message: expect.any(String), ...(code === 'VALIDATION_FAILED' ? { fields: expect.any(Array) } : {}) } });

describe('bodies that are not objects', () => {
  it('found the routes with a body', () => {
    expect(bodyRoutes.map(({ route }) => route.operationId)).toEqual(expect.arrayContaining(['submitApplication', 'rejectApplication']));
  });

  it.each(bodyRoutes.map(({ route }) => [`${route.method} ${route.path}`, route] as const))('%s refuses null, true, 0, "" and [] with 400 naming the body, and writes nothing', async (_name, route) => {
    const before = await allItems();
    for (const value of ['null', 'true', '0', '""', '[]']) {
      const answer = await post(route, value, 'application/json');
      expect(answer.status, value).toBe(400);
      expect(answer.json, value).toEqual(errorShape('VALIDATION_FAILED'));
      expect(answer.json.error.fields, value).toContainEqual({ path: 'body', message: 'The body must be a JSON object.' });
    }
    expect(await allItems()).toEqual(before);
  });
});

describe('bodies that are not UTF-8', () => {
  const application = () => JSON.stringify(applicationBody());
  /** `ł` (C5 82) cut after its first byte: what a client in the wrong charset, or a truncating proxy, sends. */
  const broken = (text: string) => {
    const at = text.indexOf('ł');
    const bytes = Buffer.from(text);
    const offset = Buffer.byteLength(text.slice(0, at));
    return Buffer.concat([bytes.subarray(0, offset + 1), bytes.subarray(offset + 2)]);
  };

  it('a JSON application with an invalid byte is refused with 400 INVALID_ENCODING and stores nothing', async () => {
    const text = application();
    const route = bodyRoutes.find(({ route }) => route.operationId === 'submitApplication')!.route;
    const answer = await post(route, broken(text), 'application/json; charset=utf-8');
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(errorShape('INVALID_ENCODING'));
    expect(await item(storedKeys.organisationLock(`PL-NIP-${JSON.parse(text).organisation.nip}`))).toBeUndefined();
    // The same bytes, repaired, are accepted: the refusal was about the encoding alone.
    expect((await post(route, Buffer.from(text), 'application/json')).status).toBe(202);
  });

  it('a form with raw or percent-encoded bytes that are not UTF-8 is refused, for programs and browsers alike', async () => {
    const route = bodyRoutes.find(({ route }) => route.operationId === 'submitApplication')!.route;
    const body = applicationBody();
    const form = new URLSearchParams(Object.entries(asForm(body)).flatMap(([name, value]) => [value].flat().map((one): [string, string] => [name, one]))).toString();
    const percentBroken = form.replace('%C5%82', '%C5');
    expect(percentBroken).not.toBe(form);
    for (const [bytes, headers] of [
      [Buffer.from(percentBroken), {}],
      [Buffer.concat([Buffer.from(form), Buffer.from('&contact.role=Dyr%20'), Buffer.from([0xff, 0xfe])]), {}],
      [Buffer.from(percentBroken), browser],
    ] as const) {
      const answer = await post(route, bytes, 'application/x-www-form-urlencoded', headers);
      expect(answer.status).toBe(400);
      if (answer.contentType.startsWith('application/json')) expect(answer.json).toEqual(errorShape('INVALID_ENCODING'));
      else expect(answer.contentType).toContain('text/html');
    }
    expect(await item(storedKeys.organisationLock(`PL-NIP-${body.organisation.nip}`))).toBeUndefined();
  });

  it.each(bodyRoutes.map(({ route }) => [`${route.method} ${route.path}`, route] as const))('%s refuses a body that is not UTF-8 with 400 INVALID_ENCODING', async (_name, route) => {
    const answer = await post(route, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), 'application/json');
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(errorShape('INVALID_ENCODING'));
  });
});

describe('control characters in names', () => {
  it('an organisation name carrying a mail header is refused with 400 naming the field, and nothing is written', async () => {
    const body = applicationBody();
    const evil = { ...body, organisation: { ...body.organisation, name: 'Szkoła\r\nBcc: evil@example.com' }, contact: { ...body.contact, role: 'Dyrektor\tszkoły', name: 'Anna\u0000Kowalska' } };
    const answer = await api.call('POST', '/applications', { json: evil });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(errorShape('VALIDATION_FAILED'));
    expect(answer.json.error.fields.map((field: { path: string }) => field.path).sort()).toEqual(['contact.name', 'contact.role', 'organisation.name']);
    expect(answer.json.error.fields[0].message).toBe('Use one line of text, without control characters.');
    expect(await item(storedKeys.organisationLock(`PL-NIP-${body.organisation.nip}`))).toBeUndefined();
  });

  it('a subject with CR/LF that reaches the SES sender arrives as one line, with no extra recipient', async () => {
    const to = uniqueEmail('headers');
    await createSesSender().send({
      to,
      subject: 'Nowy wniosek o członkostwo: Szkoła\r\nBcc: evil@example.com',
      html: '<p>Treść</p>',
      text: 'Treść',
      headers: [{ name: 'List-Unsubscribe', value: '<http://localhost/u>\r\nBcc: evil@example.com' }],
      attachments: [],
    });
    const [email] = await waitForEmails(to, 1);
    expect(email!.subject).toBe('Nowy wniosek o członkostwo: Szkoła Bcc: evil@example.com');
    expect(email!.destination).toEqual({ to: [to], cc: [], bcc: [] });
  });
});

describe('the largest valid application', () => {
  /** DynamoDB's item size: attribute names and values in UTF-8, numbers at most 21 bytes, 3 bytes per map or list and 1 per element (rounded up). */
  function itemSize(value: unknown): number {
    if (typeof value === 'string') return Buffer.byteLength(value);
    if (typeof value === 'number') return 21;
    if (typeof value === 'boolean' || value === null || value === undefined) return 1;
    if (value instanceof Set) return [...value].reduce((sum: number, element) => sum + itemSize(element), 0);
    if (Array.isArray(value)) return 3 + value.reduce((sum: number, element) => sum + 1 + itemSize(element), 0);
    if (typeof value === 'object') return 3 + Object.entries(value).reduce((sum, [name, element]) => sum + 1 + Buffer.byteLength(name) + itemSize(element), 0);
    throw new Error(`unexpected ${typeof value}`);
  }
  const topLevelSize = (record: Record<string, unknown>) => Object.entries(record).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + itemSize(value), 0);

  it('fits well below the 400 KB item limit, in every item it writes', async () => {
    /** Three UTF-8 bytes per character: the most a character counted by length can weigh. */
    const wide = (length: number) => '語'.repeat(length);
    const local = `max.${Math.random().toString(36).slice(2, 10)}`.padEnd(64, 'x');
    const email = `${local}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(56)}.test`;
    expect(email).toHaveLength(254);
    const largest = {
      organisation: {
        name: wide(200),
        type: 'local_government',
        country: 'DE',
        registryNumber: wide(40),
        address: { street: wide(200), postalCode: wide(16), city: wide(100) },
        website: `https://example.de/${'a'.repeat(300 - 'https://example.de/'.length)}`,
      },
      contact: { name: wide(120), email, phone: '+4871123456789012345', role: wide(120) },
      interests: [...interestCodes],
      language: 'en',
      consents: { statute: true, dataProcessing: true, marketing: true },
      idempotencyKey: wide(100),
      formLanguage: 'en',
    };
    const before = new Set((await allItems()).map((record) => `${record.pk}|${record.sk}`));
    const answer = await api.call('POST', '/applications', { json: largest });
    expect(answer.status).toBe(202);

    const stored = await item(storedKeys.application(answer.json.applicationId));
    expect(stored).toMatchObject({ organisation: { name: largest.organisation.name, address: largest.organisation.address }, contact: { role: largest.contact.role }, interests: largest.interests });
    const written = (await allItems()).filter((record) => !before.has(`${record.pk}|${record.sk}`));
    expect(written.length).toBeGreaterThanOrEqual(3);
    const sizes = written.map(topLevelSize);
    expect(Math.max(...sizes)).toBeLessThan(40 * 1024);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBeLessThan(100 * 1024);

    // One interest more, or one repeated, or 30,000 copies (a body still under any body limit): refused, naming the field, nothing written.
    for (const interests of [[...interestCodes, 'it'], ['it', 'it'], Array.from({ length: 30_000 }, () => 'it')]) {
      const refused = await api.call('POST', '/applications', { json: { ...largest, idempotencyKey: undefined, interests } });
      expect(refused.status).toBe(400);
      expect(refused.json.error.fields).toEqual([{ path: 'interests', message: expect.any(String) }]);
    }
    const after = await allItems();
    expect(after.length).toBe(before.size + written.length);
  });
});
