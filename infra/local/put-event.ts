import { readFileSync } from 'node:fs';
import { entryFromEvent, type BusEvent, type PutEventsEntry } from './event-bus.js';
import { localSettings } from './settings.js';

/**
 * `npm run event -- <event-file>…`: puts events on the running local stack's
 * event bus (start `npm start` in another terminal first), which hands each
 * to the functions whose manifest pattern matches it, as EventBridge does.
 * A file holds an event as targets receive it (`events/ses/bounce.json`), a
 * `PutEvents` entry, or a whole `PutEvents` request (`{"Entries": […]}`).
 */
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('Usage: npm run event -- <event-file>…   (e.g. events/ses/bounce.json)');
  process.exit(2);
}

function entriesIn(file: string): PutEventsEntry[] {
  const content = JSON.parse(readFileSync(file, 'utf8')) as BusEvent | PutEventsEntry | { Entries: PutEventsEntry[] };
  if ('Entries' in content) return content.Entries;
  if ('detail-type' in content) return [entryFromEvent(content)];
  return [content as PutEventsEntry];
}

const url = `http://127.0.0.1:${localSettings.eventBusPort}/`;
const entries = files.flatMap(entriesIn);
let answer: Response;
try {
  answer = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
    body: JSON.stringify({ Entries: entries }),
  });
} catch {
  console.error(`No local event bus at ${url}: start \`npm start\` in another terminal first (EVENT_BUS_PORT moves it).`);
  process.exit(1);
}
const result = (await answer.json()) as {
  FailedEntryCount?: number;
  Entries?: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }>;
  Routed?: string[][];
  message?: string;
};
if (!answer.ok) {
  console.error(`The local event bus refused the request: ${result.message ?? answer.status}`);
  process.exit(1);
}
for (const [index, entry] of (result.Entries ?? []).entries()) {
  const what = `${entries[index]?.DetailType ?? '?'} from ${entries[index]?.Source ?? '?'}`;
  if (entry.ErrorCode) {
    console.error(`${what}: refused (${entry.ErrorCode}: ${entry.ErrorMessage})`);
    continue;
  }
  const routed = result.Routed?.[index] ?? [];
  console.log(`${what}: event ${entry.EventId} → ${routed.length > 0 ? routed.join(', ') : 'no rule matches it'} (the npm start console shows the outcome)`);
}
if ((result.FailedEntryCount ?? 0) > 0) process.exitCode = 1;
