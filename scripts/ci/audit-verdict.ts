/**
 * What `npm audit --omit=dev --json` said, judged for CI: high or critical
 * advisories fail the build; an advisory feed that could not be reached (no
 * network, a proxy refusing the bulk endpoint, the registry down) is reported
 * and does not, since the product has not changed when the feed is away.
 */
export type AuditVerdict =
  | { outcome: 'clean'; message: string }
  | { outcome: 'findings'; message: string }
  | { outcome: 'feed-unavailable'; message: string };

interface AuditReport {
  auditReportVersion?: number;
  vulnerabilities?: Record<string, { severity?: string; via?: unknown[] }>;
  metadata?: { vulnerabilities?: Record<string, number> };
  message?: string;
  error?: { code?: string; summary?: string };
}

const failing = ['high', 'critical'];

export function auditVerdict(output: string): AuditVerdict {
  let report: AuditReport;
  try {
    report = JSON.parse(output) as AuditReport;
  } catch {
    return { outcome: 'feed-unavailable', message: `npm audit gave no report (${output.trim().slice(0, 200) || 'no output'})` };
  }
  const counts = report.metadata?.vulnerabilities;
  if (report.auditReportVersion === undefined || counts === undefined) {
    const reason = report.message ?? report.error?.summary ?? report.error?.code ?? 'no advisory counts in its answer';
    return { outcome: 'feed-unavailable', message: `the advisory feed did not answer: ${reason}` };
  }
  const found = failing.map((severity) => [severity, counts[severity] ?? 0] as const).filter(([, count]) => count > 0);
  if (found.length === 0) return { outcome: 'clean', message: `no high or critical advisory (${counts.total ?? 0} of any severity)` };
  const packages = Object.entries(report.vulnerabilities ?? {})
    .filter(([, vulnerability]) => failing.includes(vulnerability.severity ?? ''))
    .map(([name, vulnerability]) => `${name} (${vulnerability.severity})`);
  return { outcome: 'findings', message: `${found.map(([severity, count]) => `${count} ${severity}`).join(', ')}: ${packages.join(', ')}` };
}
