import { glokal } from './service.js';

type TransactionFunction = Parameters<typeof glokal.transaction.write>[0];

/** The entities as a transaction sees them: their operations end in `.commit()`. */
export type TransactionEntities = Parameters<TransactionFunction>[0];

/** One write of a transaction, e.g. `tx.application.create(…).commit()`. */
export type TransactionWrite = ReturnType<TransactionFunction>[number];

/** The writes of one transaction, each under the name a refusal reports (several writes may share one, e.g. `messages`). */
export type NamedWrites = Record<string, TransactionWrite | readonly TransactionWrite[] | undefined>;

/** A transaction refused because conditions failed; `names` says whose (e.g. `['organisationLock']`). */
export class ConditionsFailed extends Error {
  override name = 'ConditionsFailed';
  constructor(readonly names: string[]) {
    super(`Transaction conditions failed: ${names.join(', ')}`);
  }

  /** Whether the write(s) of this name were refused. */
  rejected(name: string): boolean {
    return this.names.includes(name);
  }
}

/** A transaction DynamoDB cancelled for another reason than a condition (after retrying collisions). */
export class TransactionCancelled extends Error {
  override name = 'TransactionCancelled';
  constructor(readonly reasons: Array<{ name: string; code: string }>) {
    super(`Transaction cancelled: ${reasons.map(({ name, code }) => `${name} ${code}`).join(', ')}`);
  }
}

const conflictAttempts = 4;

/**
 * Writes all items or none, through ElectroDB's transaction API. Use cases
 * put their state change and the emails it causes into one call, so an
 * email exists exactly when the change happened. A refusal names the writes
 * whose conditions failed; a collision with another transaction on the same
 * item (two administrators clicking at once) is tried again shortly, and the
 * retry then meets the other's result in its conditions.
 */
export async function writeTogether(build: (tx: TransactionEntities) => NamedWrites, options: { token?: string } = {}): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    let named: Array<{ name: string; write: TransactionWrite }> = [];
    const transaction = glokal.transaction.write((tx) => {
      named = Object.entries(build(tx)).flatMap(([name, writes]) => (writes === undefined ? [] : [writes].flat().map((write) => ({ name, write }))));
      return named.map(({ write }) => write);
    });
    const result: { canceled: boolean; data: ReadonlyArray<{ code?: string } | undefined> } = await transaction.go(options.token ? { token: options.token } : undefined);
    if (!result.canceled) return;
    const reasons = named.map(({ name }, index) => ({ name, code: result.data[index]?.code ?? 'None' }));
    const failed = [...new Set(reasons.filter(({ code }) => code === 'ConditionalCheckFailed').map(({ name }) => name))];
    if (failed.length > 0) throw new ConditionsFailed(failed);
    if (attempt >= conflictAttempts || !reasons.some(({ code }) => code === 'TransactionConflict')) {
      throw new TransactionCancelled(reasons.filter(({ code }) => code !== 'None'));
    }
    await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
  }
}

/** A single write refused by its condition (ElectroDB wraps the SDK's error and keeps it as `cause`). */
export function isConditionFailure(error: unknown): boolean {
  const names = [error, (error as { cause?: unknown } | undefined)?.cause].map((candidate) => (candidate as { name?: string } | undefined)?.name);
  return names.includes('ConditionalCheckFailedException');
}
