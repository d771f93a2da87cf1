import { describe, expect, it } from 'vitest';
import { compilePattern, EventPatternError, matchesPattern } from '../../infra/local/event-pattern.js';
import { eventBusConsumers, streamConsumers } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';

/** Does the one-field pattern `{ field: [matcher] }` accept `{ field: value }`? */
const accepts = (matcher: unknown, value: unknown) => matchesPattern({ field: [matcher] }, { field: value });
const acceptsMissing = (matcher: unknown) => matchesPattern({ field: [matcher] }, { other: 1 });

describe('event filter patterns (EventBridge / Lambda syntax)', () => {
  it('matches literals by type and value, nested objects, and any element of an array', () => {
    const pattern = { source: ['aws.ses'], detail: { count: [5], flag: [true], nothing: [null] } };
    expect(matchesPattern(pattern, { source: 'aws.ses', detail: { count: 5, flag: true, nothing: null } })).toBe(true);
    expect(matchesPattern(pattern, { source: 'aws.ses', detail: { count: '5', flag: true, nothing: null } })).toBe(false);
    expect(matchesPattern(pattern, { source: 'aws.ses', detail: { count: 5, flag: true } })).toBe(false);
    expect(matchesPattern({ tags: ['b'] }, { tags: ['a', 'b'] })).toBe(true);
    expect(matchesPattern({ items: { id: ['x'] } }, { items: [{ id: 'y' }, { id: 'x' }] })).toBe(true);
    expect(matchesPattern({ items: { id: ['x'] } }, { items: [{ id: 'y' }] })).toBe(false);
  });

  it('prefix and suffix, also case-insensitive', () => {
    expect(accepts({ prefix: 'OUT' }, 'OUTBOX#1')).toBe(true);
    expect(accepts({ prefix: 'OUT' }, 'out#1')).toBe(false);
    expect(accepts({ prefix: { 'equals-ignore-case': 'OUT' } }, 'out#1')).toBe(true);
    expect(accepts({ suffix: '.png' }, 'a.png')).toBe(true);
    expect(accepts({ suffix: '.png' }, 'a.PNG')).toBe(false);
    expect(accepts({ suffix: { 'equals-ignore-case': '.png' } }, 'a.PNG')).toBe(true);
    expect(accepts({ prefix: '1' }, 123)).toBe(false);
  });

  it('equals-ignore-case and wildcard (with escapes)', () => {
    expect(accepts({ 'equals-ignore-case': 'Email Bounced' }, 'EMAIL BOUNCED')).toBe(true);
    expect(accepts({ 'equals-ignore-case': 'Email Bounced' }, 'Email Bounce')).toBe(false);
    expect(accepts({ wildcard: 'dir/*.png' }, 'dir/a/b.png')).toBe(true);
    expect(accepts({ wildcard: 'dir/*.png' }, 'dir/a.jpg')).toBe(false);
    expect(accepts({ wildcard: 'a\\*b' }, 'a*b')).toBe(true);
    expect(accepts({ wildcard: 'a\\*b' }, 'axb')).toBe(false);
    expect(accepts({ wildcard: 'a.c' }, 'abc')).toBe(false);
  });

  it('anything-but: values, lists, prefix, suffix, equals-ignore-case, wildcard; never a missing field', () => {
    expect(accepts({ 'anything-but': 'REMOVE' }, 'INSERT')).toBe(true);
    expect(accepts({ 'anything-but': 'REMOVE' }, 'REMOVE')).toBe(false);
    expect(accepts({ 'anything-but': [1, 2] }, 3)).toBe(true);
    expect(accepts({ 'anything-but': [1, 2] }, 2)).toBe(false);
    expect(accepts({ 'anything-but': { prefix: 'TEST' } }, 'TEST#1')).toBe(false);
    expect(accepts({ 'anything-but': { prefix: 'TEST' } }, 'REAL#1')).toBe(true);
    expect(accepts({ 'anything-but': { suffix: '.tmp' } }, 'a.tmp')).toBe(false);
    expect(accepts({ 'anything-but': { 'equals-ignore-case': ['a', 'b'] } }, 'B')).toBe(false);
    expect(accepts({ 'anything-but': { 'equals-ignore-case': ['a', 'b'] } }, 'c')).toBe(true);
    expect(accepts({ 'anything-but': { wildcard: '*.tmp' } }, 'x.tmp')).toBe(false);
    expect(acceptsMissing({ 'anything-but': 'REMOVE' })).toBe(false);
  });

  it('numeric ranges, only on numbers', () => {
    expect(accepts({ numeric: ['>', 0, '<=', 5] }, 5)).toBe(true);
    expect(accepts({ numeric: ['>', 0, '<=', 5] }, 0)).toBe(false);
    expect(accepts({ numeric: ['>', 0, '<=', 5] }, 5.5)).toBe(false);
    expect(accepts({ numeric: ['=', 3] }, 3)).toBe(true);
    expect(accepts({ numeric: ['>=', 3] }, '4')).toBe(false);
    expect(accepts({ numeric: ['<', 3] }, [7, 1])).toBe(true);
  });

  it('exists: true for a present field (null included), false for a missing one', () => {
    expect(accepts({ exists: true }, 'x')).toBe(true);
    expect(accepts({ exists: true }, null)).toBe(true);
    expect(acceptsMissing({ exists: true })).toBe(false);
    expect(acceptsMissing({ exists: false })).toBe(true);
    expect(accepts({ exists: false }, 'x')).toBe(false);
    expect(matchesPattern({ dynamodb: { OldImage: [{ exists: false }] } }, { dynamodb: {} })).toBe(true);
    expect(matchesPattern({ dynamodb: { OldImage: { pk: [{ exists: false }] } } }, {})).toBe(true);
  });

  it('cidr blocks, IPv4 and IPv6', () => {
    expect(accepts({ cidr: '10.0.0.0/24' }, '10.0.0.17')).toBe(true);
    expect(accepts({ cidr: '10.0.0.0/24' }, '10.0.1.17')).toBe(false);
    expect(accepts({ cidr: '2001:db8::/32' }, '2001:db8:0:1::5')).toBe(true);
    expect(accepts({ cidr: '2001:db8::/32' }, '2001:db9::5')).toBe(false);
  });

  it('$or accepts any of its patterns, together with the other keys', () => {
    const pattern = { source: ['aws.ses'], $or: [{ 'detail-type': ['Email Bounced'] }, { detail: { eventType: ['Complaint'] } }] };
    expect(matchesPattern(pattern, { source: 'aws.ses', 'detail-type': 'Email Bounced' })).toBe(true);
    expect(matchesPattern(pattern, { source: 'aws.ses', 'detail-type': 'x', detail: { eventType: 'Complaint' } })).toBe(true);
    expect(matchesPattern(pattern, { source: 'aws.ses', 'detail-type': 'x', detail: { eventType: 'Delivery' } })).toBe(false);
    expect(matchesPattern(pattern, { source: 'other', 'detail-type': 'Email Bounced' })).toBe(false);
  });

  it('throws for an unknown operator or malformed syntax instead of silently not matching', () => {
    expect(() => compilePattern({ field: [{ 'starts-with': 'x' }] })).toThrow(EventPatternError);
    expect(() => compilePattern({ field: [{ 'starts-with': 'x' }] })).toThrow(/field.*unknown operator "starts-with"/);
    expect(() => compilePattern({ field: 'INSERT' })).toThrow(/must be a list/);
    expect(() => compilePattern({ field: [] })).toThrow(/empty list/);
    expect(() => compilePattern({ field: [{ numeric: ['~', 1] }] })).toThrow(/numeric/);
    expect(() => compilePattern({ field: [{ exists: 'yes' }] })).toThrow(/exists/);
    expect(() => compilePattern({ field: [{ prefix: 'a', suffix: 'b' }] })).toThrow(/exactly one operator/);
    expect(() => compilePattern({ field: [{ 'anything-but': { numeric: ['>', 1] } }] })).toThrow(/anything-but/);
    expect(() => compilePattern({ field: [{ wildcard: 'a**b' }] })).toThrow(/wildcard/);
    expect(() => compilePattern({ field: [{ cidr: '10.0.0.0' }] })).toThrow(/cidr/);
    expect(() => compilePattern({ $or: [{ a: ['x'] }] })).toThrow(/\$or/);
    expect(() => matchesPattern({ field: [{ unknown: 1 }] }, { field: 1 })).toThrow(EventPatternError);
  });

  it('compiles every pattern of the manifest', () => {
    for (const { trigger } of streamConsumers(manifest)) expect(() => compilePattern(trigger.filter)).not.toThrow();
    for (const { trigger } of eventBusConsumers(manifest)) expect(() => compilePattern(trigger.pattern)).not.toThrow();
  });
});
