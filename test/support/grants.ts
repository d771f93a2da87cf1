import { expect } from 'vitest';
import type { Answer, CallOptions } from './local-api.js';

type Call = (method: string, path: string, options?: CallOptions) => Promise<Answer>;

/** A valid funding call as an administrator sends it (deadline in Warsaw local time). */
export const grantBody = (overrides: Record<string, unknown> = {}) => ({
  programme: 'Erasmus+',
  callIdentifier: 'KA220-VET-2027',
  title: { pl: 'Partnerstwa współpracy w kształceniu zawodowym', en: 'Cooperation partnerships in vocational education' },
  url: 'https://erasmus-plus.ec.europa.eu/',
  deadline: '2027-03-05T12:00',
  audience: { scope: 'segment', memberTypes: [], interests: ['vocational_education'] },
  ...overrides,
});

/** A call created through the API: its view. */
export async function createdGrant(call: Call, overrides: Record<string, unknown> = {}) {
  const answer = await call('POST', '/admin/grants', { role: 'admin', json: grantBody(overrides) });
  expect(answer.status, answer.text).toBe(201);
  return answer.json as { callId: string; version: number; offsets: number[]; [field: string]: unknown };
}

/** Posts a CSV file's bytes as the import does it. */
export async function postCsv(baseUrl: string, token: string, bytes: Uint8Array, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/admin/grants/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', ...headers }, body: bytes });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) };
}
