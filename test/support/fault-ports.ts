/**
 * The fault suite's own services sit 50 ports above the suite's DynamoDB
 * Local (TEST_DYNAMODB_PORT), so two runs with different bases never meet.
 * No imports: test files read this inside `vi.hoisted`, before any module
 * that reads the configuration is loaded.
 */
export function faultPorts() {
  const base = Number(process.env.TEST_DYNAMODB_PORT ?? 8100) + 50;
  return { dynamo: base, dynamoProxy: base + 1, sesProxy: base + 2 };
}

/**
 * Points the functions of this test file at the fault proxy, with SDK bounds
 * short enough for a quick suite (a hang costs 2 × 1 s) and long enough for
 * DynamoDB Local's transactions on a busy machine.
 */
export function useFaultProxyEnvironment(): void {
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${faultPorts().dynamoProxy}`;
  process.env.DYNAMODB_CONNECT_TIMEOUT_MS = '200';
  process.env.DYNAMODB_REQUEST_TIMEOUT_MS = '1000';
  process.env.DYNAMODB_MAX_ATTEMPTS = '2';
}

/**
 * Points the mailer of this test file at a fault proxy in front of the
 * suite's local SES, with short SES bounds and three delivery attempts
 * before a message is FAILED.
 */
export function useSesFaultProxyEnvironment(): void {
  process.env.SES_ENDPOINT = `http://127.0.0.1:${faultPorts().sesProxy}`;
  process.env.SES_CONNECT_TIMEOUT_MS = '200';
  // Long enough for local SES on a loaded machine: a send that outlasts it may have been accepted, and would be sent again.
  process.env.SES_REQUEST_TIMEOUT_MS = '2000';
  process.env.MAIL_MAX_ATTEMPTS = '3';
  // One SES call per delivery attempt (no SDK retries inside it; the DynamoDB client sets its own): the outbox's retries are what is tested, and counted.
  process.env.AWS_MAX_ATTEMPTS = '1';
}
