import { parseArgs } from 'node:util';
import { issueLocalToken, type LocalRole } from './local-issuer.js';

/** `npm run token -- --role admin|viewer [--email x]`: prints a token the local API accepts. */
const { values } = parseArgs({
  options: { role: { type: 'string', default: 'admin' }, email: { type: 'string' }, hours: { type: 'string', default: '12' } },
});
const role = values.role as LocalRole;
if (!['admin', 'viewer', 'none'].includes(role)) {
  console.error('--role must be admin, viewer or none');
  process.exit(2);
}
console.log(await issueLocalToken({ role, email: values.email, ttlSeconds: Number(values.hours) * 3600 }));
