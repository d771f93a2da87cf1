import type { GrantLinkStore } from '../../domain/grants/opt-out-links.js';
import { batchGetAll } from './batch-get.js';
import { normaliseEmail, perAddressGiven } from './entities/common.js';
import { glokal } from './service.js';

const { grantLink: links, grantOptOut: optOuts } = glokal.entities;

/** Digest links by the hash of their token, and the calls each address marked "not relevant" (one partition per address). */
export const grantLinkRepository: GrantLinkStore = {
  async find(tokenHash) {
    const { data } = await links.get({ tokenHash }).go({ consistent: true });
    if (!data) return undefined;
    const { purpose, email, callId, memberId, contactId, lang } = data;
    return { tokenHash, purpose, email, lang, ...(callId ? { callId } : {}), ...(memberId && contactId ? { memberId, contactId } : {}) };
  },

  async save(items) {
    if (items.length === 0) return;
    // Puts: a link written again by a rerun of the day is the same item.
    const { unprocessed } = await links.put([...items]).go();
    if (unprocessed.length > 0) throw new Error(`${unprocessed.length} grant links were not written`);
  },

  async notRelevantCalls(email) {
    const { data } = await optOuts.query.byAddress({ emailKey: normaliseEmail(email) }).go({ consistent: true, pages: 'all' });
    return new Set(data.map((item) => item.callId));
  },

  async notRelevantAmong(emails, callIds) {
    const keys = [...new Set(emails.map(normaliseEmail))].flatMap((emailKey) => [...new Set(callIds)].map((callId) => ({ emailKey, callId })));
    const found = await batchGetAll(keys, (batch) => optOuts.get(batch).go({ consistent: true, attributes: ['emailKey', 'callId'], preserveBatchOrder: false }));
    const marked = new Map<string, Set<string>>();
    for (const { emailKey, callId } of found) marked.set(emailKey, (marked.get(emailKey) ?? new Set()).add(callId));
    return perAddressGiven(emails, (address) => marked.get(address) ?? new Set<string>());
  },

  async markNotRelevant(email, callId, at) {
    await optOuts.put({ emailKey: normaliseEmail(email), callId, markedAt: at.toISOString() }).go();
  },
};
