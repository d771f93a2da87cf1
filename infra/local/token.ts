import { parseArgs } from 'node:util';
import { issueLocalToken, maxTokenHours, type LocalRole } from './local-issuer.js';

/** `npm run token -- --role admin|viewer [--email x]`: prints a token the local API accepts. */
const { values } = parseArgs({
  options: { role: { type: 'string', default: 'admin' }, email: { type: 'string' }, hours: { type: 'string', default: '12' } },
});
const role = values.role as LocalRole;
if (!['admin', 'viewer', 'none'].includes(role)) {
  console.error('--role must be admin, viewer or none');
  process.exit(2);
}
const hours = Number(values.hours);
if (!(hours > 0 && hours <= maxTokenHours)) {
  console.error(`--hours must be more than 0 and at most ${maxTokenHours} (Cognito's longest ID token)`);
  process.exit(2);
}
console.log(await issueLocalToken({ role, email: values.email, ttlSeconds: hours * 3600 }));
