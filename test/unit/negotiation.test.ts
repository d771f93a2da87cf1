import { describe, expect, it } from 'vitest';
import { preferredMediaType } from '../../shared/http/negotiation.js';

const offers = ['application/json', 'text/csv'] as const;

describe('preferredMediaType', () => {
  it.each([
    [undefined, 'application/json'],
    ['', 'application/json'],
    ['*/*', 'application/json'],
    ['text/csv', 'text/csv'],
    ['TEXT/CSV; charset=utf-8', 'text/csv'],
    ['text/*', 'text/csv'],
    ['application/json, text/csv', 'application/json'],
    ['text/csv, application/json', 'application/json'],
    ['application/json;q=0.5, text/csv', 'text/csv'],
    ['text/csv;q=0, */*', 'application/json'],
    ['text/*;q=0.2, text/csv;q=0.9, application/json;q=0.5', 'text/csv'],
    ['image/png', 'application/json'],
    ['nonsense', 'application/json'],
  ])('Accept %j → %s', (accept, expected) => {
    expect(preferredMediaType(accept, offers)).toBe(expected);
  });
});
