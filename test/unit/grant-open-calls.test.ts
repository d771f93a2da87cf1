import { describe, expect, it } from 'vitest';
import type { FundingCall } from '../../shared/domain/grants/funding-call.js';
import type { CallListing } from '../../shared/domain/grants/ports.js';
import { allOpenCalls } from '../../shared/domain/grants/queries.js';

/** A store listing `count` open calls, `limit` per page, recording what each page was asked for. */
function pagedStore(count: number) {
  const asked: CallListing[] = [];
  const calls = Array.from({ length: count }, (_, index) => ({ callId: `call-${index}` }) as FundingCall);
  return {
    asked,
    store: {
      async list(listing: CallListing) {
        asked.push(listing);
        const start = Number(listing.cursor ?? 0);
        const end = start + listing.limit;
        return { items: calls.slice(start, end), ...(end < count ? { nextCursor: String(end) } : {}) };
      },
    },
  };
}

describe('every open call, for the calendar feed', () => {
  const now = new Date('2027-01-10T12:00:00Z');

  it('reads open calls as of now, page after page, until the last', async () => {
    const { asked, store } = pagedStore(250);
    const calls = await allOpenCalls(now, { store });
    expect(calls.map(({ callId }) => callId)).toEqual(Array.from({ length: 250 }, (_, index) => `call-${index}`));
    expect(asked).toEqual([
      { status: 'open', now, limit: 100 },
      { status: 'open', now, limit: 100, cursor: '100' },
      { status: 'open', now, limit: 100, cursor: '200' },
    ]);
  });

  it('stops after a thousand, however many more there are', async () => {
    const { asked, store } = pagedStore(5_000);
    expect(await allOpenCalls(now, { store })).toHaveLength(1_000);
    expect(asked).toHaveLength(10);
  });
});
