import type { InvitationRoster } from '../../domain/events/ports.js';
import { toInvitation } from './invitation-repository.js';
import { glokal } from './service.js';

const { invitation: invitations, rsvpLink } = glokal.entities;

const maxBatchAttempts = 5;

/**
 * An event's invitations for its fan-outs: a query of the event's partition
 * (consistent, so an answer just given counts), filtered on the answers
 * wanted, a page at a time with ElectroDB's cursor (the run keeps it; no
 * client ever sends it). New RSVP links are batch writes of their own items.
 */
export const invitationRoster: InvitationRoster = {
  async page(eventId, answers, limit, cursor) {
    const { data, cursor: next } = await invitations.query
      .byId({ eventId })
      .where((attribute, { eq }) => answers.map((answer) => eq(attribute.answer, answer)).join(' OR '))
      .go({ consistent: true, limit, ...(cursor ? { cursor } : {}) });
    return { invitations: data.map(toInvitation), ...(next ? { cursor: next } : {}) };
  },

  async addLinks(links) {
    let pending = links.map(({ expiresAt, ...link }) => ({ ...link, expiresAt: Math.floor(expiresAt.getTime() / 1000) }));
    // A batch write may leave items unwritten under throttling: those are written again, briefly backing off.
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > maxBatchAttempts) throw new Error(`${pending.length} RSVP links could not be written.`);
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** attempt));
      const { unprocessed } = await rsvpLink.put(pending).go();
      const left = new Set(unprocessed.map(({ tokenHash }) => tokenHash));
      pending = pending.filter(({ tokenHash }) => left.has(tokenHash));
    }
  },
};
