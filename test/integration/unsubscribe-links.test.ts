import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { hashPreferenceTokens } from '../../scripts/migrations/hash-preference-tokens.js';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { storedKeys } from '../support/stored-keys.js';
import { config } from '../../shared/config.js';
import { deliverDueMessages } from '../../shared/domain/mail/deliver-message.js';
import { hashToken } from '../../shared/platform/ids.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { item, partition } from '../support/organisations.js';
import { invitationTo, queue, storedMessage, testDelivery } from '../support/outbox-helpers.js';

const api = useLocalApi();

async function sweep() {
  const { deps, clock } = testDelivery();
  clock.advance(1000);
  await deliverDueMessages(deps, { limit: 500, hasTimeLeft: () => true });
}

/** Sends one invitation and returns its one-click path (with the category) and the address's preferences path. */
async function invitationLinks(to: string) {
  await queue(invitationTo(to));
  await sweep();
  const [email] = await waitForEmails(to, 1);
  const link = email!.headers!.find((header) => header.name === 'List-Unsubscribe')!.value.slice(1, -1);
  const oneClick = link.replace('http://localhost:3999', '');
  return { oneClick, page: oneClick.split('?')[0]!, token: oneClick.split('?')[0]!.split('/').pop()! };
}

const unsubscribed = async (to: string) => (await item(storedKeys.recipientPreferences(to)))?.unsubscribed;

describe('the one-click endpoint changes only what RFC 8058 asks', () => {
  it('refuses a POST without a body, an empty form or an empty JSON object: 400 naming the field, nothing changed', async () => {
    const to = uniqueEmail('bodiless');
    const { oneClick } = await invitationLinks(to);
    for (const answer of [
      await fetch(`${api.baseUrl()}${oneClick}`, { method: 'POST' }).then(async (response) => ({ status: response.status, json: await response.json() })),
      await api.call('POST', oneClick, { form: {} }),
      await api.call('POST', oneClick, { json: {} }),
      await api.call('POST', oneClick, { form: { 'List-Unsubscribe': 'Yes-Please' } }),
    ]) {
      expect(answer.status).toBe(400);
      expect(answer.json.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ path: expect.stringContaining('List-Unsubscribe') })] });
    }
    expect(await unsubscribed(to)).toEqual([]);
  });

  it('refuses a one-click on the preferences link, which names no category', async () => {
    const to = uniqueEmail('nocategory');
    const { page } = await invitationLinks(to);
    const answer = await api.call('POST', page, { form: { 'List-Unsubscribe': 'One-Click' } });
    expect(answer.status).toBe(400);
    expect(answer.json.error.fields).toEqual([expect.objectContaining({ path: 'category' })]);
    expect(await unsubscribed(to)).toEqual([]);
  });

  it('unsubscribes from the category of the message only', async () => {
    const to = uniqueEmail('onlyevents');
    const { oneClick } = await invitationLinks(to);
    expect((await api.call('POST', oneClick, { form: { 'List-Unsubscribe': 'One-Click' } })).status).toBe(200);
    expect(await unsubscribed(to)).toEqual(['events']);
  });
});

describe('link tokens are never stored', () => {
  it('the table holds only the hash of a sent link’s token, and the link still works', async () => {
    const to = uniqueEmail('hashed');
    const { page, token } = await invitationLinks(to);
    const stored = await partition(storedKeys.recipientPartition(to));
    expect(JSON.stringify(stored)).not.toContain(token);
    const preferences = stored.find((candidate) => candidate.sk === 'PREFERENCES')!;
    expect(preferences.gsi2pk).toBe(`PREFTOKEN#${hashToken(token)}`);
    expect((await api.call('GET', page)).status).toBe(200);
  });

  it('a second message to the same address carries the same working link', async () => {
    const to = uniqueEmail('same');
    const first = await invitationLinks(to);
    const id = await queue(invitationTo(to));
    await sweep();
    expect(await storedMessage(id)).toMatchObject({ status: 'SENT' });
    const emails = await waitForEmails(to, 2);
    expect(emails.every((email) => (email.body.text ?? '').includes(first.page))).toBe(true);
  });

  it('`npm run migrate` hashes tokens stored in clear by older code, and their links keep working', async () => {
    const to = uniqueEmail('legacy');
    const legacyToken = 'legacyClearToken0123456789abcdefghij';
    // What the code before hashing wrote.
    await documentClient.send(
      new PutCommand({
        TableName: config.TABLE_NAME,
        Item: {
          ...storedKeys.recipientPreferences(to),
          entity: 'PREFERENCES',
          email: to,
          token: legacyToken,
          lang: 'en',
          unsubscribed: [],
          updatedAt: new Date().toISOString(),
          gsi2pk: `PREFTOKEN#${legacyToken}`,
          gsi2sk: 'PREFERENCES',
        },
      }),
    );
    expect((await api.call('GET', `/unsubscribe/${legacyToken}`)).status).toBe(200);

    const first = await hashPreferenceTokens.run();
    expect(first.changed).toBeGreaterThanOrEqual(1);
    const stored = await partition(storedKeys.recipientPartition(to));
    expect(JSON.stringify(stored)).not.toContain(legacyToken);
    expect((await hashPreferenceTokens.run()).changed).toBe(0);

    expect((await api.call('GET', `/unsubscribe/${legacyToken}`)).status).toBe(200);
    expect((await api.call('POST', `/unsubscribe/${legacyToken}?category=grants`, { form: { 'List-Unsubscribe': 'One-Click' } })).status).toBe(200);
    expect(await unsubscribed(to)).toEqual(['grants']);
    // New mail to the address carries the derived link, which works too.
    const { page } = await invitationLinks(to);
    expect(page).not.toContain(legacyToken);
    expect((await api.call('GET', page)).status).toBe(200);
  });
});
