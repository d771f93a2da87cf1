import type { Actor } from '../actor.js';
import { ValidationError, type FieldError } from '../errors.js';
import { hashToken } from '../../platform/ids.js';
import { callAuditEntry } from './call-audit.js';
import { buildCall, type CallDependencies } from './create-call.js';
import { CallsExist } from './errors.js';
import type { FundingCall, FundingCallInput } from './funding-call.js';
import type { CallImportStore } from './ports.js';
import { scheduledReminders, type DueReminder } from './reminder-schedule.js';

export interface ImportDependencies extends CallDependencies {
  imports: CallImportStore;
}

/** One row of the spreadsheet as a call's input; `row` counts the header as row 1, as Excel shows it. */
export interface ImportRow {
  row: number;
  input: FundingCallInput;
}

export interface ImportResult {
  importId: string;
  calls: FundingCall[];
  /** How the import was written: one transaction, or staged and committed at once (more than 100 items). */
  mode: 'transaction' | 'staged';
}

/** DynamoDB's limit of writes in one transaction. */
const transactionLimit = 100;

/**
 * The office's spreadsheet as funding calls, all or none. Every row is
 * judged first (each error names its row and field); then the calls, their
 * reminders and one audit entry are written in one transaction, or, past
 * DynamoDB's 100 items, staged under an import that becomes visible in one
 * write. Ids derive from the import key and the row, so a retry of the same
 * import (same key) writes the same calls and never a second copy.
 */
export async function importCalls(rows: readonly ImportRow[], importKey: string, actor: Actor, deps: ImportDependencies): Promise<ImportResult> {
  if (rows.length === 0) throw new ValidationError([{ path: 'rows', message: 'The file has no rows of calls under its header.' }]);
  const now = deps.clock.now();
  const importId = hashToken(`grant-import\n${importKey}`).slice(0, 32);
  const errors: FieldError[] = [];
  const entries: Array<{ call: FundingCall; reminders: DueReminder[] }> = [];
  for (const { row, input } of rows) {
    try {
      const call = buildCall(input, { callId: hashToken(`${importId}\n${row}`).slice(0, 32), now }, `rows[${row}].`);
      entries.push({ call, reminders: scheduledReminders(call) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors.push(...error.fields);
    }
  }
  if (errors.length > 0) throw new ValidationError(errors);

  const previous = await deps.imports.findImport(importId);
  if (previous?.status === 'COMMITTED') return { importId, calls: await deps.store.getMany(previous.callIds), mode: 'staged' };
  const callIds = entries.map(({ call }) => call.callId);
  const audit = callAuditEntry({ id: deps.ids.newId(), at: now, actor, action: 'grant.import', target: `grant-import/${importId}`, before: null, after: { importId, callIds } });
  const items = entries.reduce((sum, entry) => sum + 1 + entry.reminders.length, 1);
  if (items <= transactionLimit && !previous) {
    try {
      await deps.imports.createAll(entries, audit);
    } catch (error) {
      // The same small import was written by an earlier attempt: its calls are there.
      if (!(error instanceof CallsExist)) throw error;
      return { importId, calls: await deps.store.getMany(callIds), mode: 'transaction' };
    }
    return { importId, calls: entries.map(({ call }) => call), mode: 'transaction' };
  }
  const staged = entries.map(({ call, reminders }) => ({ call: { ...call, importId }, reminders: reminders.map((reminder) => ({ ...reminder, importId })) }));
  await deps.imports.importStaged({ importId, status: 'PENDING', callIds, createdAt: now.toISOString() }, staged, audit);
  return { importId, calls: entries.map(({ call }) => call), mode: 'staged' };
}
