import { describe, expect, it } from 'vitest';
import { auditVerdict } from '../../scripts/ci/audit-verdict.js';

/** `npm audit --json` answers as npm 10 prints them. */
const report = (counts: Record<string, number>, vulnerabilities: Record<string, { severity: string }> = {}) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0, ...counts }, dependencies: { prod: 120, dev: 0, total: 120 } },
  });

describe('the CI audit step’s verdict', () => {
  it('passes a report with no advisory, or only low and moderate ones', () => {
    expect(auditVerdict(report({})).outcome).toBe('clean');
    expect(auditVerdict(report({ low: 2, moderate: 1, total: 3 }, { a: { severity: 'low' }, b: { severity: 'moderate' } }))).toEqual({
      outcome: 'clean',
      message: 'no high or critical advisory (3 of any severity)',
    });
  });

  it('fails a high or a critical advisory, naming the packages', () => {
    expect(auditVerdict(report({ high: 1, moderate: 1, total: 2 }, { fast: { severity: 'high' }, slow: { severity: 'moderate' } }))).toEqual({
      outcome: 'findings',
      message: '1 high: fast (high)',
    });
    expect(auditVerdict(report({ critical: 1, total: 1 }, { worse: { severity: 'critical' } })).outcome).toBe('findings');
  });

  it('reports, without failing, a feed that could not be reached or refused the request', () => {
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '', detail: '' } });
    expect(auditVerdict(refused)).toEqual({ outcome: 'feed-unavailable', message: 'the advisory feed did not answer: 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk' });
    const offline = JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'request to https://registry.npmjs.org/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org' } });
    expect(auditVerdict(offline).outcome).toBe('feed-unavailable');
    expect(auditVerdict('').outcome).toBe('feed-unavailable');
  });
});
