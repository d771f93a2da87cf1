/**
 * Delay before the next attempt after `attempts` failures: exponential from
 * 30 s, capped at one hour, with jitter so a recovered SES is not hit by every
 * waiting message in the same second.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = 30_000;
  const cap = 3_600_000;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
