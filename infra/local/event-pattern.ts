/**
 * EventBridge / Lambda event filter patterns, as AWS matches them: the local
 * stream poller filters records with the manifest's stream filter, and the
 * local event bus routes events with the manifest's event patterns.
 *
 * A pattern is an object whose keys descend into the event; at a leaf, an
 * array lists what is accepted: literals (string, number, boolean, null) or
 * one-operator objects — `prefix`, `suffix`, `equals-ignore-case`,
 * `wildcard`, `anything-but`, `numeric`, `exists`, `cidr`. `$or` at any
 * object level accepts any of its sub-patterns. An array in the event
 * matches when any of its elements does. Syntax AWS would refuse (an unknown
 * operator, a leaf that is not an array, a malformed operand) throws when the
 * pattern is compiled, so a filter is never silently false.
 */
export class EventPatternError extends Error {
  override name = 'EventPatternError';
}

type Matcher = (value: unknown, present: boolean) => boolean;
export type CompiledPattern = (event: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const describe = (value: unknown) => JSON.stringify(value);

function fail(path: string, message: string): never {
  throw new EventPatternError(`Event pattern at "${path || '(root)'}": ${message}`);
}

/** Leaf values: an array in the event matches when one of its elements does. */
function anyElement(value: unknown, test: (candidate: unknown) => boolean): boolean {
  return Array.isArray(value) ? value.some(test) : test(value);
}

function stringOperand(operand: unknown, path: string, operator: string): string {
  if (typeof operand !== 'string') fail(path, `"${operator}" needs a string, got ${describe(operand)}`);
  return operand;
}

/** `prefix` / `suffix` take a string or `{ "equals-ignore-case": string }`. */
function affixTest(operand: unknown, path: string, operator: 'prefix' | 'suffix'): (candidate: string) => boolean {
  let text: string;
  let ignoreCase = false;
  if (isObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length !== 1 || keys[0] !== 'equals-ignore-case') fail(path, `"${operator}" accepts a string or {"equals-ignore-case": string}, got ${describe(operand)}`);
    text = stringOperand(operand['equals-ignore-case'], path, `${operator}.equals-ignore-case`);
    ignoreCase = true;
  } else {
    text = stringOperand(operand, path, operator);
  }
  const wanted = ignoreCase ? text.toLowerCase() : text;
  return (candidate) => {
    const actual = ignoreCase ? candidate.toLowerCase() : candidate;
    return operator === 'prefix' ? actual.startsWith(wanted) : actual.endsWith(wanted);
  };
}

/** `*` is any run of characters; `\*` is a star and `\\` a backslash. */
function wildcardTest(operand: unknown, path: string): (candidate: string) => boolean {
  const text = stringOperand(operand, path, 'wildcard');
  let source = '';
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === '\\') {
      const next = text[index + 1];
      if (next !== '*' && next !== '\\') fail(path, `"wildcard" allows only \\* and \\\\ as escapes: ${describe(text)}`);
      source += next === '*' ? '\\*' : '\\\\';
      index += 1;
    } else if (char === '*') {
      if (text[index + 1] === '*') fail(path, `"wildcard" does not allow consecutive stars: ${describe(text)}`);
      source += '[\\s\\S]*';
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  const regex = new RegExp(`^${source}$`);
  return (candidate) => regex.test(candidate);
}

const numericComparisons: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function numericTest(operand: unknown, path: string): (candidate: number) => boolean {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0 || operand.length > 4) {
    fail(path, `"numeric" needs [op, number] or [op, number, op, number], got ${describe(operand)}`);
  }
  const checks: Array<(candidate: number) => boolean> = [];
  for (let index = 0; index < operand.length; index += 2) {
    const op = operand[index];
    const bound = operand[index + 1];
    const compare = typeof op === 'string' ? numericComparisons[op] : undefined;
    if (!compare) fail(path, `"numeric" operator ${describe(op)} is not one of ${Object.keys(numericComparisons).join(' ')}`);
    if (typeof bound !== 'number' || !Number.isFinite(bound)) fail(path, `"numeric" bound ${describe(bound)} is not a number`);
    checks.push((candidate) => compare(candidate, bound));
  }
  return (candidate) => checks.every((check) => check(candidate));
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
  return parts.reduce((sum, part) => (sum << 8n) + BigInt(part), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-f:]+$/i.test(text) || text.split('::').length > 2) return undefined;
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  return groups.reduce((sum, group) => (sum << 16n) + BigInt(`0x${group}`), 0n);
}

function cidrTest(operand: unknown, path: string): (candidate: string) => boolean {
  const text = stringOperand(operand, path, 'cidr');
  const [address = '', bitsText] = text.split('/');
  const v4 = parseIpv4(address);
  const width = v4 !== undefined ? 32 : 128;
  const base = v4 ?? parseIpv6(address);
  const bits = Number(bitsText);
  if (base === undefined || bitsText === undefined || !/^\d+$/.test(bitsText) || bits > width) fail(path, `"cidr" needs an IPv4 or IPv6 block like 10.0.0.0/24, got ${describe(text)}`);
  const shift = BigInt(width - bits);
  return (candidate) => {
    const ip = width === 32 ? parseIpv4(candidate) : parseIpv6(candidate);
    return ip !== undefined && ip >> shift === base >> shift;
  };
}

function isLiteral(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** `anything-but`: a literal, a list of literals, or one of prefix / suffix / equals-ignore-case / wildcard. */
function anythingBut(operand: unknown, path: string): Matcher {
  let excluded: (candidate: unknown) => boolean;
  if (isObject(operand)) {
    const entries = Object.entries(operand);
    if (entries.length !== 1) fail(path, `"anything-but" takes one operator, got ${describe(operand)}`);
    const [operator, inner] = entries[0]!;
    const texts = (list: unknown) => (Array.isArray(list) ? list : [list]).map((item) => stringOperand(item, path, `anything-but.${operator}`));
    switch (operator) {
      case 'prefix':
      case 'suffix': {
        const test = affixTest(inner, path, operator);
        excluded = (candidate) => typeof candidate === 'string' && test(candidate);
        break;
      }
      case 'equals-ignore-case': {
        const lowered = texts(inner).map((text) => text.toLowerCase());
        excluded = (candidate) => typeof candidate === 'string' && lowered.includes(candidate.toLowerCase());
        break;
      }
      case 'wildcard': {
        const tests = texts(inner).map((text) => wildcardTest(text, path));
        excluded = (candidate) => typeof candidate === 'string' && tests.some((test) => test(candidate));
        break;
      }
      default:
        fail(path, `"anything-but" does not support ${describe(operator)}`);
    }
  } else {
    const list = Array.isArray(operand) ? operand : [operand];
    if (list.length === 0 || !list.every((item) => typeof item === 'string' || typeof item === 'number')) {
      fail(path, `"anything-but" needs strings or numbers, got ${describe(operand)}`);
    }
    excluded = (candidate) => list.includes(candidate as string | number);
  }
  // A missing field is not "anything but": EventBridge matches only fields that are there.
  return (value, present) => present && value !== null && anyElement(value, (candidate) => !excluded(candidate));
}

function operatorMatcher(rule: Record<string, unknown>, path: string): Matcher {
  const entries = Object.entries(rule);
  if (entries.length !== 1) fail(path, `a matcher object has exactly one operator, got ${describe(rule)}`);
  const [operator, operand] = entries[0]!;
  const onStrings = (test: (candidate: string) => boolean): Matcher => (value, present) =>
    present && anyElement(value, (candidate) => typeof candidate === 'string' && test(candidate));
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return onStrings(affixTest(operand, path, operator));
    case 'equals-ignore-case': {
      const wanted = stringOperand(operand, path, operator).toLowerCase();
      return onStrings((candidate) => candidate.toLowerCase() === wanted);
    }
    case 'wildcard':
      return onStrings(wildcardTest(operand, path));
    case 'cidr':
      return onStrings(cidrTest(operand, path));
    case 'numeric': {
      const test = numericTest(operand, path);
      return (value, present) => present && anyElement(value, (candidate) => typeof candidate === 'number' && test(candidate));
    }
    case 'exists':
      if (typeof operand !== 'boolean') fail(path, `"exists" needs true or false, got ${describe(operand)}`);
      return (_value, present) => present === operand;
    case 'anything-but':
      return anythingBut(operand, path);
    default:
      fail(path, `unknown operator ${describe(operator)}`);
  }
}

function leafMatcher(list: unknown[], path: string): Matcher {
  if (list.length === 0) fail(path, 'an empty list matches nothing; AWS refuses it');
  const matchers = list.map((item): Matcher => {
    if (isObject(item)) return operatorMatcher(item, path);
    if (!isLiteral(item)) fail(path, `${describe(item)} is neither a value nor a matcher object`);
    return (value, present) => present && anyElement(value, (candidate) => candidate === item);
  });
  return (value, present) => matchers.some((matcher) => matcher(value, present));
}

function objectMatcher(pattern: Record<string, unknown>, path: string): CompiledPattern {
  const checks: CompiledPattern[] = Object.entries(pattern).map(([key, nested]) => {
    const here = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(nested) || nested.length < 2 || !nested.every(isObject)) fail(here, '"$or" needs a list of at least two patterns');
      const alternatives = nested.map((alternative, index) => objectMatcher(alternative, `${here}[${index}]`));
      return (event) => alternatives.some((alternative) => alternative(event));
    }
    if (Array.isArray(nested)) {
      const leaf = leafMatcher(nested, here);
      return (event) => {
        const present = isObject(event) && Object.hasOwn(event, key) && event[key] !== undefined;
        return leaf(present ? event[key] : undefined, present);
      };
    }
    if (isObject(nested)) {
      const inner = objectMatcher(nested, here);
      return (event) => {
        const value = isObject(event) ? event[key] : undefined;
        // An array of objects in the event matches when one of its objects does.
        return Array.isArray(value) ? value.some((element) => inner(element)) : inner(value);
      };
    }
    fail(here, `a value must be a list of matchers or a nested pattern, got ${describe(nested)}`);
  });
  return (event) => checks.every((check) => check(event));
}

/** Validates a pattern once (throwing on syntax AWS refuses) and returns its matcher. */
export function compilePattern(pattern: unknown): CompiledPattern {
  if (!isObject(pattern)) fail('', `a pattern is an object, got ${describe(pattern)}`);
  return objectMatcher(pattern, '');
}

export function matchesPattern(pattern: unknown, event: unknown): boolean {
  return compilePattern(pattern)(event);
}
