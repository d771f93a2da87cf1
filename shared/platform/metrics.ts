/**
 * Counts as CloudWatch Embedded Metric Format lines: CloudWatch turns them
 * into metrics (the alarms in infra/constructs/alarms.ts watch them) without
 * an API call from the function.
 */
export const metricNamespace = 'Glokal';
export const metricNames = { emailsFailed: 'EmailsFailed' } as const;

export function countMetric(name: (typeof metricNames)[keyof typeof metricNames], value = 1): void {
  // Outside Lambda (local stack, tests) nothing reads EMF; keep the console for people.
  if (value === 0 || !process.env.AWS_LAMBDA_FUNCTION_NAME) return;
  const line = {
    _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: metricNamespace, Dimensions: [[]], Metrics: [{ Name: name, Unit: 'Count' }] }] },
    [name]: value,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
