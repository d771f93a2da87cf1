/**
 * Turns an HTML form post into the same object shape a JSON client sends:
 * `organisation.name=X` nests, a repeated key (checkbox group) or a `key[]`
 * becomes an array. Keys that could pollute prototypes are dropped.
 */
const forbiddenKeys = new Set(['__proto__', 'prototype', 'constructor']);

export function formToObject(body: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
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
