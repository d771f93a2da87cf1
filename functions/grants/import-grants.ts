import { grantImportDependencies } from '../../shared/composition/grants.js';
import { grantImportRows, importGrants as route } from '../../shared/contracts/grant-import.js';
import { callView } from '../../shared/domain/grants/call-view.js';
import { importCalls } from '../../shared/domain/grants/import-calls.js';
import { readSpreadsheet } from '../../shared/http/csv.js';
import { httpHandler } from '../../shared/http/handler.js';
import { rawBodyBytes } from '../../shared/http/raw-body.js';
import { json } from '../../shared/http/responses.js';
import { hashToken } from '../../shared/platform/ids.js';

/** The office's spreadsheet: read (whatever encoding Excel chose), every row checked, then all calls or none. */
export const handler = httpHandler(route, async ({ headers }, { event, principal }) => {
  const bytes = rawBodyBytes(event, 'text/csv');
  const sheet = readSpreadsheet(bytes);
  const rows = grantImportRows(sheet);
  // Without a key the file names itself: the same file posted again is the same import.
  const importKey = headers['idempotency-key'] ?? `file:${hashToken(Buffer.from(bytes).toString('base64'))}`;
  const result = await importCalls(rows, importKey, principal!, grantImportDependencies);
  const now = grantImportDependencies.clock.now();
  return json(201, { importId: result.importId, encoding: sheet.encoding, delimiter: sheet.delimiter, mode: result.mode, count: result.calls.length, items: result.calls.map((call) => callView(call, now)) });
});
