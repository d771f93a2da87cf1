import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { eventRepository } from '../../shared/adapters/dynamo/event-repository.js';
import { rsvpDependencies } from '../../shared/composition/rsvp.js';
import type { Invitee } from '../../shared/domain/events/invitation.js';
import { inviteInvitees } from '../../shared/domain/events/rsvp.js';
import { config } from '../../shared/config.js';
import { randomIds } from '../../shared/platform/ids.js';
import type { Answer, CallOptions } from './local-api.js';

type Call = (method: string, path: string, options?: CallOptions) => Promise<Answer>;

/** An event through the admin API: far ahead, answers open. */
export async function scheduledEvent(call: Call, overrides: Record<string, unknown> = {}) {
  const answer = await call('POST', '/admin/events', {
    role: 'admin',
    json: {
      title: { pl: 'Forum „Kształcenie zawodowe”', en: 'Vocational education forum' },
      description: { pl: 'Panele i warsztaty.', en: 'Panels and workshops.' },
      type: 'conference',
      start: '2030-01-21T10:00',
      end: '2030-01-21T15:00',
      rsvpDeadline: '2030-01-14T23:59',
      venue: 'Wrocławskie Centrum Kongresowe, ul. Wystawowa 1, Wrocław',
      capacity: 50,
      audience: { scope: 'all' },
      extraInvitees: [],
      ...overrides,
    },
  });
  expect(answer.status, answer.text).toBe(201);
  return answer.json.eventId as string;
}

/** Invites the people through the use case the invitation run calls; the RSVP tokens by invitee id (the emails carry them). */
export async function invite(eventId: string, invitees: Invitee[]): Promise<Map<string, string>> {
  const event = await eventRepository.get(eventId);
  if (!event) throw new Error(`no event ${eventId}`);
  const tokens: string[] = [];
  const ids = { ...randomIds, newToken: () => tokens[tokens.push(randomIds.newToken()) - 1]! };
  const result = await inviteInvitees(event, invitees, { ...rsvpDependencies, ids });
  expect(result.invited).toBe(invitees.length);
  return new Map(invitees.map((invitee, index) => [invitee.inviteeId, tokens[index]!]));
}

export async function storedInvitation(eventId: string, inviteeId: string) {
  const { Item } = await documentClient.send(new GetCommand({ TableName: config.TABLE_NAME, Key: { pk: `EVENT#${eventId}`, sk: `INVITATION#${inviteeId}` }, ConsistentRead: true }));
  return Item;
}

export async function seatsTaken(eventId: string, scope = 'ALL'): Promise<number | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: config.TABLE_NAME, Key: { pk: `EVENT#${eventId}`, sk: `SEATS#${scope}` }, ConsistentRead: true }));
  return Item?.taken as number | undefined;
}

export const invitee = (inviteeId: string, overrides: Partial<Invitee> = {}): Invitee => ({
  inviteeId,
  email: `${inviteeId}@example.test`,
  name: `Invitee ${inviteeId}`,
  language: 'pl',
  ...overrides,
});
