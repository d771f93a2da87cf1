import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchGetAll } from '../../shared/adapters/dynamo/batch-get.js';

/** A batch get over a fixed set of items that hands back the first `unreadPerCall` keys of each request unprocessed, `times` times. */
function throttledGet(items: Map<string, string>, unreadPerCall: number, times: number) {
  const requests: string[][] = [];
  let throttled = 0;
  const get = async (keys: Array<{ id: string }>) => {
    requests.push(keys.map(({ id }) => id));
    const unprocessed = throttled < times ? keys.slice(0, unreadPerCall) : [];
    throttled += 1;
    const read = keys.filter((key) => !unprocessed.includes(key) && items.has(key.id));
    return { data: read.map(({ id }) => ({ id, value: items.get(id)! })), unprocessed };
  };
  return { get, requests };
}

describe('batchGetAll', () => {
  it('asks again for the keys handed back unprocessed until every key is read; absent items are simply not returned', async () => {
    const items = new Map([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
    const { get, requests } = throttledGet(items, 2, 2);
    const found = await batchGetAll([{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'missing' }], get);
    expect(found.map(({ id }) => id).sort()).toEqual(['a', 'b', 'c']);
    expect(requests).toEqual([['a', 'b', 'c', 'missing'], ['a', 'b'], ['a', 'b']]);
  });

  afterEach(() => vi.useRealTimers());

  it('fails instead of answering "absent" for keys it could never read', async () => {
    vi.useFakeTimers();
    const { get, requests } = throttledGet(new Map([['a', '1']]), 1, Number.POSITIVE_INFINITY);
    const reading = batchGetAll([{ id: 'a' }], get);
    const failed = expect(reading).rejects.toThrow(/1 items could not be read after 8 batch gets/);
    await vi.runAllTimersAsync();
    await failed;
    expect(requests).toHaveLength(8);
  });

  it('sends nothing for no keys', async () => {
    const { get, requests } = throttledGet(new Map(), 0, 0);
    expect(await batchGetAll([], get)).toEqual([]);
    expect(requests).toEqual([]);
  });
});
