import { readFileSync } from 'node:fs';
import { manifest } from '../manifest.js';
import { invokeFunction } from './load-handler.js';
import { applyLocalEnvironment } from './settings.js';

/**
 * `npm run invoke -- <function-name> <event-file>`: runs one handler with a
 * sample payload against the local stack's DynamoDB and SES (start them with
 * `npm start` in another terminal) and prints what it returned.
 */
const [name, eventFile] = process.argv.slice(2);
const declaration = manifest.find((fn) => fn.name === name);
if (!declaration || !eventFile) {
  console.error('Usage: npm run invoke -- <function-name> <event-file>');
  console.error(`Functions: ${manifest.map((fn) => fn.name).join(', ')}`);
  process.exit(2);
}
applyLocalEnvironment();
const event: unknown = JSON.parse(readFileSync(eventFile, 'utf8'));
try {
  const result = await invokeFunction(declaration, event);
  console.log(JSON.stringify(result, null, 2) ?? 'undefined');
} catch (error) {
  console.error(`${name} failed:`, error);
  process.exitCode = 1;
}
