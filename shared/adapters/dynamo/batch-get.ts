/** How often keys DynamoDB handed back unread are asked for again before the read fails (up to ≈ 25 s of backoff, 13 on average; a request path passes fewer). */
const defaultAttempts = 8;

/**
 * A batch get (ElectroDB sends 100 keys a request) that asks again, briefly
 * backing off, for the keys DynamoDB handed back unprocessed, as it may under
 * throttling: a key missing from the answer then always means no such item.
 */
export async function batchGetAll<Key, Item>(
  keys: readonly Key[],
  get: (keys: Key[]) => Promise<{ data: Item[]; unprocessed: Key[] }>,
  maxAttempts = defaultAttempts,
): Promise<Item[]> {
  const found: Item[] = [];
  let pending = [...keys];
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    if (attempt > maxAttempts) throw new Error(`${pending.length} items could not be read after ${maxAttempts} batch gets`);
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** attempt));
    const { data, unprocessed } = await get(pending);
    found.push(...data);
    pending = unprocessed;
  }
  return found;
}
