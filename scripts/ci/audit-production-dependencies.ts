import { spawnSync } from 'node:child_process';
import { auditVerdict } from './audit-verdict.js';

/**
 * The CI step `.ci/run` calls (not part of `npm test`, whose result must not
 * hang on an outside feed): audits the production dependencies, fails on a
 * high or critical advisory, reports and passes when the feed is unreachable.
 */
const audit = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
const verdict = auditVerdict(audit.stdout ?? '');
const prefix = { clean: 'npm audit: ok', findings: 'npm audit: FAILED', 'feed-unavailable': 'npm audit: NOT RUN' }[verdict.outcome];
console.log(`${prefix}, ${verdict.message}`);
process.exit(verdict.outcome === 'findings' ? 1 : 0);
