import type { StackInventory } from './stack-inventory.js';

/**
 * The monthly bill (issue 13, item 6), from what the bench counted per unit of
 * work (DynamoDB request units, Lambda invocations × measured duration ×
 * memory, SES sends, API requests) times how often a month the cluster does
 * that work, plus what the stack costs whatever the traffic.
 *
 * Prices: AWS list prices for eu-central-1 (Frankfurt) in USD as published in
 * 2025 (DynamoDB on-demand after the November 2024 reduction), written from
 * memory because this machine has no network: check them against
 * https://aws.amazon.com/pricing before relying on the euros.
 */
export const prices = {
  asOf: '2025 list prices (eu-central-1), from memory: no network on the bench machine',
  usdToEur: 0.86,
  dynamoWriteUnit: 0.7625 / 1e6,
  dynamoReadUnit: 0.1525 / 1e6,
  dynamoStorageGbMonth: 0.306,
  dynamoPitrGbMonth: 0.2448,
  lambdaRequest: 0.2 / 1e6,
  /** arm64, as the stack deploys. */
  lambdaGbSecond: 0.0000133334,
  httpApiRequest: 1.2 / 1e6,
  sesEmail: 0.1 / 1000,
  logsIngestGb: 0.63,
  logsStorageGbMonth: 0.0324,
  /** Standard-resolution alarm, per metric it analyses (a Metrics Insights query alarm is billed per metric analysed). */
  alarmMetric: 0.1,
  customMetric: 0.3,
  kmsKey: 1.0,
  secret: 0.4,
  /** A standard-tier parameter and its standard-throughput API calls (the key is read once an hour per container). */
  standardParameter: 0,
  xrayTrace: 5.0 / 1e6,
} as const;

/** The always-free and 12-month free tier allowances that apply to this stack. */
export const freeTier = {
  lambdaRequests: 1e6,
  lambdaGbSeconds: 400_000,
  /** 12 months from account creation. */
  httpApiRequests: 1e6,
  /** 12 months from account creation (SES outbound from anywhere, since August 2023). */
  sesEmails: 3_000,
  dynamoStorageGb: 25,
  logsGb: 5,
  alarmMetrics: 10,
  customMetrics: 10,
  xrayTraces: 100_000,
} as const;

/** What one unit of work costs in billable units, measured by the bench. */
export interface UnitCost {
  readUnits: number;
  writeUnits: number;
  invocations: number;
  gbSeconds: number;
  emails: number;
  apiRequests: number;
}

export interface MeasuredUnits {
  /** A membership application: submitted, verified, approved, its three emails. */
  application: UnitCost;
  /** One contact invited to an event (the run's share, the outbox, the mailer). */
  invitation: UnitCost;
  /** One RSVP answer through the API, with its confirmation email. */
  rsvp: UnitCost;
  /** One grant digest on a day with reminders due. */
  digest: UnitCost;
  /** A daily grant run with nothing due. */
  grantDayNothingDue: UnitCost;
  /** One mailer sweep (every minute) with nothing to send. */
  sweep: UnitCost;
  /** One administrator's read through the API. */
  adminRead: UnitCost;
}

export interface Scenario {
  name: string;
  members: number;
  contacts: number;
  eventsPerMonth: number;
  callsPerMonth: number;
  /** New members a month. */
  applicationsPerMonth: number;
  /** Share of invited contacts who answer. */
  rsvpShare: number;
  /** Share of the contacts a call's reminders reach (calls are aimed at types and interests). */
  callAudienceShare: number;
  /** Each call reminds 4 times (30, 14, 7 and 1 days before); reminders of one day to one address share a digest. */
  remindersPerCall: number;
  adminReadsPerMonth: number;
}

export const scenarios: Scenario[] = [
  { name: '(a) the cluster today', members: 500, contacts: 1_500, eventsPerMonth: 2, callsPerMonth: 10, applicationsPerMonth: 10, rsvpShare: 0.3, callAudienceShare: 0.25, remindersPerCall: 4, adminReadsPerMonth: 2_000 },
  { name: '(b) 50,000 contacts', members: 16_000, contacts: 50_000, eventsPerMonth: 20, callsPerMonth: 100, applicationsPerMonth: 300, rsvpShare: 0.3, callAudienceShare: 0.25, remindersPerCall: 4, adminReadsPerMonth: 20_000 },
];

export const targetsEur: Record<string, number> = { '(a) the cluster today': 2, '(b) 50,000 contacts': 100 };

const minutesPerMonth = 30 * 24 * 60;
/** Bytes a Lambda invocation leaves in CloudWatch Logs (START/END/REPORT lines and a few structured lines) and an API access log line. */
const logBytesPerInvocation = 1_200;
const logBytesPerApiRequest = 400;
/** Stored bytes per contact (member share, contact, lookup items, interests) and per email kept in the outbox (HTML and text until TTL). */
const storedBytesPerContact = 2_500;
const storedBytesPerEmail = 12_000;

const times = (unit: UnitCost, count: number): UnitCost => ({
  readUnits: unit.readUnits * count,
  writeUnits: unit.writeUnits * count,
  invocations: unit.invocations * count,
  gbSeconds: unit.gbSeconds * count,
  emails: unit.emails * count,
  apiRequests: unit.apiRequests * count,
});
const sum = (...units: UnitCost[]): UnitCost => units.reduce((total, unit) => ({ readUnits: total.readUnits + unit.readUnits, writeUnits: total.writeUnits + unit.writeUnits, invocations: total.invocations + unit.invocations, gbSeconds: total.gbSeconds + unit.gbSeconds, emails: total.emails + unit.emails, apiRequests: total.apiRequests + unit.apiRequests }));

export interface Bill {
  scenario: Scenario;
  usage: UnitCost;
  digests: number;
  lines: Array<{ item: string; quantity: string; usd: number; freeUsd: number }>;
  totalEur: number;
  freeEur: number;
  beyondFreeEur: number;
  fixedEur: number;
}

export function monthlyBill(scenario: Scenario, measured: MeasuredUnits, stack: StackInventory): Bill {
  const invited = scenario.contacts * scenario.eventsPerMonth;
  const digests = Math.min(scenario.callsPerMonth * scenario.remindersPerCall * scenario.callAudienceShare * scenario.contacts, 30 * scenario.contacts);
  const usage = sum(
    times(measured.application, scenario.applicationsPerMonth),
    times(measured.invitation, invited),
    times(measured.rsvp, invited * scenario.rsvpShare),
    times(measured.digest, digests),
    times(measured.grantDayNothingDue, 30),
    times(measured.sweep, minutesPerMonth),
    times(measured.adminRead, scenario.adminReadsPerMonth),
  );
  const logGb = (usage.invocations * logBytesPerInvocation + usage.apiRequests * logBytesPerApiRequest) / 1e9;
  const retentionMonths = Math.max(...stack.logRetentionDays, 30) / 30;
  const storedGb = (scenario.contacts * storedBytesPerContact + usage.emails * storedBytesPerEmail) / 1e9;
  const line = (item: string, quantity: number, unit: string, price: number, free = 0) => ({
    item,
    quantity: `${Math.round(quantity).toLocaleString('en')} ${unit}`,
    usd: quantity * price,
    freeUsd: Math.min(quantity, free) * price,
  });
  const lines = [
    line('DynamoDB write request units', usage.writeUnits, 'WRU', prices.dynamoWriteUnit),
    line('DynamoDB read request units', usage.readUnits, 'RRU', prices.dynamoReadUnit),
    line('DynamoDB storage', storedGb * 1000, 'MB', prices.dynamoStorageGbMonth / 1000, freeTier.dynamoStorageGb * 1000),
    line('DynamoDB point-in-time recovery', storedGb * 1000, 'MB', prices.dynamoPitrGbMonth / 1000),
    line('Lambda requests', usage.invocations, 'invocations', prices.lambdaRequest, freeTier.lambdaRequests),
    line('Lambda compute (arm64)', usage.gbSeconds, 'GB-s', prices.lambdaGbSecond, freeTier.lambdaGbSeconds),
    line('API Gateway HTTP API', usage.apiRequests, 'requests', prices.httpApiRequest, freeTier.httpApiRequests),
    line('SES outbound', usage.emails, 'emails', prices.sesEmail, freeTier.sesEmails),
    line('X-Ray traces (Active tracing)', usage.invocations, 'traces', prices.xrayTrace, freeTier.xrayTraces),
    line('CloudWatch Logs ingestion', logGb * 1000, 'MB', prices.logsIngestGb / 1000, freeTier.logsGb * 1000),
    line(`CloudWatch Logs storage (${Math.round(retentionMonths * 30)} days kept)`, logGb * retentionMonths * 1000, 'MB', prices.logsStorageGbMonth / 1000),
    line(`CloudWatch alarms (${stack.alarms} alarms analysing ${stack.alarmMetrics} metrics)`, stack.alarmMetrics, 'alarm metrics', prices.alarmMetric, freeTier.alarmMetrics),
    line('CloudWatch custom metrics (2 + ColdStart of 3 functions)', 5, 'metrics', prices.customMetric, freeTier.customMetrics),
    line('KMS customer-managed keys', stack.kmsKeys, 'keys', prices.kmsKey),
    line('Secrets Manager secrets', stack.secrets, 'secrets', prices.secret),
    line('SSM SecureString parameters (standard tier)', stack.secureStringParameters, 'parameters', prices.standardParameter),
  ];
  const totalUsd = lines.reduce((total, entry) => total + entry.usd, 0);
  const freeUsd = lines.reduce((total, entry) => total + entry.freeUsd, 0);
  const fixedUsd = stack.kmsKeys * prices.kmsKey + stack.secrets * prices.secret + Math.max(0, stack.alarmMetrics - freeTier.alarmMetrics) * prices.alarmMetric;
  return { scenario, usage, digests, lines, totalEur: totalUsd * prices.usdToEur, freeEur: freeUsd * prices.usdToEur, beyondFreeEur: (totalUsd - freeUsd) * prices.usdToEur, fixedEur: fixedUsd * prices.usdToEur };
}

const eur = (usd: number) => (usd * prices.usdToEur).toFixed(usd * prices.usdToEur < 0.1 ? 4 : 2);

export function costReport(measured: MeasuredUnits, stack: StackInventory, context: { date: string; command: string }): string {
  const bills = scenarios.map((scenario) => monthlyBill(scenario, measured, stack));
  const unitRow = (name: string, unit: UnitCost) =>
    `| ${name} | ${unit.readUnits.toFixed(2)} | ${unit.writeUnits.toFixed(2)} | ${unit.invocations.toFixed(2)} | ${(unit.gbSeconds * 1000).toFixed(2)} | ${unit.emails.toFixed(2)} | ${unit.apiRequests.toFixed(2)} |`;
  const out = [
    '# Monthly cost (generated by `npm run bench`)',
    '',
    `Written by bench/run.ts on ${context.date} (\`${context.command}\`) from what the bench counted in this run, by bench/cost-model.ts.`,
    `Prices: ${prices.asOf}; USD converted at ${prices.usdToEur} EUR. DynamoDB on-demand $0.7625 per million write units, $0.1525 per million read units, storage $0.306/GB-month, PITR $0.2448/GB-month;`,
    'Lambda arm64 $0.0000133334/GB-s and $0.20 per million requests; HTTP API $1.20 per million; SES $0.10 per 1,000 emails; CloudWatch Logs $0.63/GB ingested, $0.0324/GB-month stored;',
    'alarms $0.10 per metric analysed a month (ten free); custom metrics $0.30 (ten free); KMS $1 per key a month; Secrets Manager $0.40 per secret a month; SSM standard parameters free; X-Ray $5 per million traces (100,000 free).',
    '',
    '## What one unit of work costs (measured in this run)',
    '',
    'Request units as DynamoDB Local reported them (transactions doubled as DynamoDB bills them, at least one unit per write and half per read); Lambda GB-s = measured duration of each local invocation × the function\'s memory.',
    '',
    '| work | read units | write units | Lambda invocations | Lambda GB-ms | emails | API requests |',
    '|---|---:|---:|---:|---:|---:|---:|',
    unitRow('a membership application (submit, verify, approve, 3 emails)', measured.application),
    unitRow('one contact invited (run, outbox, mailer)', measured.invitation),
    unitRow('one RSVP answer (with its confirmation email)', measured.rsvp),
    unitRow('one grant digest on a due day', measured.digest),
    unitRow('a daily grant run with nothing due', measured.grantDayNothingDue),
    unitRow('a mailer sweep with nothing to send (every minute)', measured.sweep),
    unitRow('an administrator read', measured.adminRead),
    '',
  ];
  for (const bill of bills) {
    const target = targetsEur[bill.scenario.name];
    const { scenario } = bill;
    out.push(
      `## ${scenario.name}: ${scenario.members.toLocaleString('en')} members, ${scenario.contacts.toLocaleString('en')} contacts, ${scenario.eventsPerMonth} events and ${scenario.callsPerMonth} calls a month`,
      '',
      `Assumed: ${scenario.applicationsPerMonth} new members a month; every contact invited to every event, ${scenario.rsvpShare * 100} % answering; each call reminding ${scenario.remindersPerCall} times a ${scenario.callAudienceShare * 100} % share of the contacts (${Math.round(bill.digests).toLocaleString('en')} digests, an upper bound: reminders of one day share a digest); ${scenario.adminReadsPerMonth.toLocaleString('en')} administrator reads; the mailer's sweep every minute; the daily grant run every day.`,
      '',
      '| item | quantity | EUR a month | of which free tier |',
      '|---|---:|---:|---:|',
      ...bill.lines.map((entry) => `| ${entry.item} | ${entry.quantity} | ${eur(entry.usd)} | ${entry.freeUsd > 0 ? eur(entry.freeUsd) : '—'} |`),
      `| **total** | | **${bill.totalEur.toFixed(2)}** | ${bill.freeEur.toFixed(2)} |`,
      '',
      `**Beyond the free tier: ${bill.beyondFreeEur.toFixed(2)} EUR a month** (of which fixed — alarms beyond ten, KMS keys, secrets — ${bill.fixedEur.toFixed(2)} EUR); target under ${target} EUR: **${bill.beyondFreeEur < (target ?? Infinity) ? 'met' : 'missed'}**. The 12-month free tier (HTTP API, SES) is shown separately; after the first year, add it.`,
      '',
    );
  }
  return out.join('\n');
}
