/** Table-only attributes (keys, index keys, TTL, entity), stripped when an item becomes a domain object. */
const storageAttributes = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity', 'expiresAt']);

export function fromItem<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !storageAttributes.has(name))) as T;
}

export const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
