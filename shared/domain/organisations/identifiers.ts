/** Polish organisation identifiers and their official checksums. */

const digitsOnly = (value: string) => value.replace(/[\s-]/g, '');

function weightedSum(digits: string, weights: number[]): number {
  return weights.reduce((sum, weight, index) => sum + weight * Number(digits[index]), 0);
}

/** NIP: 10 digits; an optional "PL" prefix, spaces and dashes are ignored. */
export function normaliseNip(value: string): string {
  return digitsOnly(value).replace(/^PL/i, '');
}

export function isValidNip(value: string): boolean {
  const nip = normaliseNip(value);
  if (!/^\d{10}$/.test(nip)) return false;
  const check = weightedSum(nip, [6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11;
  return check !== 10 && check === Number(nip[9]);
}

export function normaliseRegon(value: string): string {
  return digitsOnly(value);
}

/** REGON: 9 digits, or 14 digits for local units; each length has its own weights. */
export function isValidRegon(value: string): boolean {
  const regon = normaliseRegon(value);
  const weights = regon.length === 9 ? [8, 9, 2, 3, 4, 5, 6, 7] : regon.length === 14 ? [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8] : undefined;
  if (!weights || !/^\d+$/.test(regon)) return false;
  if (regon.length === 14 && !isValidRegon(regon.slice(0, 9))) return false;
  const check = (weightedSum(regon, weights) % 11) % 10;
  return check === Number(regon[regon.length - 1]);
}

/** KRS: 10 digits (the register number has no checksum). */
export function isValidKrs(value: string): boolean {
  return /^\d{10}$/.test(digitsOnly(value));
}

export function normaliseKrs(value: string): string {
  return digitsOnly(value);
}

export const isValidPolishPostalCode = (value: string) => /^\d{2}-\d{3}$/.test(value.trim());
