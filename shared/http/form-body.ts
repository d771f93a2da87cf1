import { InvalidEncodingError } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const isHex = (byte: number | undefined) => byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66));

/**
 * application/x-www-form-urlencoded percent-decoding as URLSearchParams does
 * it (`+` is a space, a `%` without two hex digits stays as it is), except
 * that bytes which are not UTF-8 are refused instead of becoming U+FFFD.
 */
function decodeComponent(text: string): string {
  const bytes = Buffer.from(text.replace(/\+/g, ' '), 'utf8');
  const decoded = new Uint8Array(bytes.length);
  let length = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    if (bytes[index] === 0x25 && isHex(bytes[index + 1]) && isHex(bytes[index + 2])) {
      decoded[length++] = Number.parseInt(String.fromCharCode(bytes[index + 1]!, bytes[index + 2]!), 16);
      index += 2;
    } else {
      decoded[length++] = bytes[index]!;
    }
  }
  try {
    return utf8.decode(decoded.subarray(0, length));
  } catch {
    throw new InvalidEncodingError('The form holds percent-encoded bytes that are not UTF-8.');
  }
}

function* formPairs(body: string): Generator<[string, string]> {
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    yield equals === -1 ? [decodeComponent(pair), ''] : [decodeComponent(pair.slice(0, equals)), decodeComponent(pair.slice(equals + 1))];
  }
}

/**
 * Turns an HTML form post into the same object shape a JSON client sends:
 * `organisation.name=X` nests, a repeated key (checkbox group) or a `key[]`
 * becomes an array. Keys that could pollute prototypes are dropped.
 */
const forbiddenKeys = new Set(['__proto__', 'prototype', 'constructor']);

export function formToObject(body: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [rawKey, value] of formPairs(body)) {
    const forceArray = rawKey.endsWith('[]');
    const path = (forceArray ? rawKey.slice(0, -2) : rawKey).split('.');
    if (path.some((segment) => segment === '' || forbiddenKeys.has(segment))) continue;
    let target = result;
    for (const segment of path.slice(0, -1)) {
      const next = target[segment];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) target[segment] = {};
      target = target[segment] as Record<string, unknown>;
    }
    const leaf = path[path.length - 1]!;
    const existing = target[leaf];
    if (existing === undefined) target[leaf] = forceArray ? [value] : value;
    else if (Array.isArray(existing)) existing.push(value);
    else target[leaf] = [existing, value];
  }
  return result;
}

/**
 * The simple fields of a multipart/form-data body (RFC 8058 allows mail
 * clients to send the one-click POST this way). Files are not accepted.
 */
export function multipartToObject(body: string, boundary: string): Record<string, unknown> {
  const fields: string[] = [];
  for (const part of body.split(`--${boundary}`)) {
    const match = /^\r?\nContent-Disposition:\s*form-data;\s*name="([^"]+)"(?![^\r\n]*filename=)[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)\r?\n$/i.exec(part);
    if (match) fields.push(`${encodeURIComponent(match[1]!)}=${encodeURIComponent(match[2]!)}`);
  }
  return formToObject(fields.join('&'));
}
