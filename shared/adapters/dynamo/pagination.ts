import { InvalidCursorError } from '../../domain/errors.js';
import { tableDefinition, type IndexName } from './table-definition.js';

/** Opaque cursors: the last evaluated key, base64url-encoded. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/** The listing a cursor must belong to: the index queried and its partition value. */
export interface CursorScope {
  index: IndexName;
  partition: string;
  /** The sort key prefix of the query, when it has one (a begins_with condition). */
  sortPrefix?: string;
  /** The sort key range of the query, when it has one (BETWEEN, >=, >, <=, <): DynamoDB refuses a start key outside it, which would be a 500. */
  sortRange?: { after?: string; from?: string; through?: string; before?: string };
}

function inSortRange(key: string, range: NonNullable<CursorScope['sortRange']>): boolean {
  return (
    (range.after === undefined || key > range.after) &&
    (range.from === undefined || key >= range.from) &&
    (range.through === undefined || key <= range.through) &&
    (range.before === undefined || key < range.before)
  );
}

const maxKeyLength = 1024;

/**
 * A cursor is checked against the listing it is used with before DynamoDB sees
 * it: exactly the table and index key attributes, strings, in the queried
 * partition. Anything else (`{}`, another listing's cursor, a tampered key) is
 * a client error, never DynamoDB's "starting key is invalid" 500.
 */
export function decodeCursor(cursor: string | undefined, scope: CursorScope): Record<string, string> | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidCursorError();
  const index = tableDefinition.globalIndexes.find((candidate) => candidate.name === scope.index)!;
  const expected = [tableDefinition.partitionKey, tableDefinition.sortKey, index.partitionKey, index.sortKey];
  const entries = Object.entries(value);
  const shapeMatches =
    entries.length === expected.length &&
    entries.every(([name, attribute]) => expected.includes(name as never) && typeof attribute === 'string' && attribute.length > 0 && attribute.length <= maxKeyLength);
  if (!shapeMatches) throw new InvalidCursorError();
  const key = value as Record<string, string>;
  if (key[index.partitionKey] !== scope.partition) throw new InvalidCursorError();
  if (scope.sortPrefix && !key[index.sortKey]!.startsWith(scope.sortPrefix)) throw new InvalidCursorError();
  if (scope.sortRange && !inSortRange(key[index.sortKey]!, scope.sortRange)) throw new InvalidCursorError();
  return key;
}

interface QueryParams {
  IndexName?: string;
  KeyConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/**
 * The cursor for an ElectroDB query, checked first against the listing that
 * query reads: its index, partition, `begins_with` prefix and sort key range, taken from the
 * query's own parameters, so the check cannot drift from the query.
 * (ElectroDB's cursors are the same base64url JSON of the last evaluated key.)
 */
export function cursorFor(cursor: string | undefined, query: { params(): object }): string | undefined {
  if (!cursor) return undefined;
  const params = query.params() as QueryParams;
  const index = tableDefinition.globalIndexes.find((candidate) => candidate.name === params.IndexName);
  const partition = /^(#\w+) = (:\w+)/.exec(params.KeyConditionExpression);
  if (!index || !partition || params.ExpressionAttributeNames[partition[1]!] !== index.partitionKey) {
    throw new Error(`Paged listings query a secondary index by partition: ${params.KeyConditionExpression}`);
  }
  const prefix = /begins_with\((#\w+), (:\w+)\)/.exec(params.KeyConditionExpression);
  const value = (name: string | undefined) => (name === undefined ? undefined : (params.ExpressionAttributeValues[name] as string));
  const between = /BETWEEN (:\w+) AND (:\w+)/.exec(params.KeyConditionExpression);
  const comparison = /(>=|>|<=|<) (:\w+)/.exec(params.KeyConditionExpression);
  const boundOf = { '>': 'after', '>=': 'from', '<=': 'through', '<': 'before' } as const;
  const sortRange = between
    ? { from: value(between[1]), through: value(between[2]) }
    : comparison
      ? { [boundOf[comparison[1] as keyof typeof boundOf]]: value(comparison[2]) }
      : undefined;
  decodeCursor(cursor, {
    index: index.name,
    partition: params.ExpressionAttributeValues[partition[2]!] as string,
    ...(prefix ? { sortPrefix: params.ExpressionAttributeValues[prefix[2]!] as string } : {}),
    ...(sortRange ? { sortRange } : {}),
  });
  return cursor;
}

export type { Page } from '../../domain/page.js';
