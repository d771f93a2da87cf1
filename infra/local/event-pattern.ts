/**
 * The subset of Lambda/EventBridge event filter patterns the manifest uses:
 * an array lists accepted values, an object descends into the event.
 */
export function matchesPattern(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.some((accepted) => accepted === value);
  if (typeof pattern === 'object' && pattern !== null) {
    if (typeof value !== 'object' || value === null) return false;
    return Object.entries(pattern).every(([key, nested]) => matchesPattern(nested, (value as Record<string, unknown>)[key]));
  }
  return pattern === value;
}
