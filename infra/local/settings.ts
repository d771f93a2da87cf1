import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import { localKeyFile } from './key-file.js';

/** Where the local stack listens and keeps its data; each overridable by environment. */
export const localSettings = {
  httpPort: Number(process.env.PORT ?? 3000),
  dynamoPort: Number(process.env.DYNAMODB_PORT ?? 8000),
  sesPort: Number(process.env.SES_PORT ?? 8005),
  /** The local event bus's PutEvents endpoint (`npm run event`). */
  eventBusPort: Number(process.env.EVENT_BUS_PORT ?? 8010),
  /** DynamoDB Local's files, the stream checkpoints and the token key; `LOCAL_DATA_DIR` moves them (a test's own stack keeps its data apart). */
  dataDir: process.env.LOCAL_DATA_DIR ?? join(projectRoot, '.local'),
  tableName: process.env.TABLE_NAME ?? 'glokal-local',
};

/**
 * The environment the handlers read through shared/config.ts. The local stack
 * only points the same code at local endpoints.
 */
export function localEnvironment(overrides: Partial<Record<string, string>> = {}): Record<string, string> {
  const { httpPort, dynamoPort, sesPort, tableName } = localSettings;
  return {
    TABLE_NAME: tableName,
    AWS_REGION: 'eu-central-1',
    // DynamoDB Local and local SES accept any credentials; the SDK needs some.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${dynamoPort}`,
    SES_ENDPOINT: `http://127.0.0.1:${sesPort}`,
    MAIL_FROM: 'Klaster GLOKAL <biuro@glokal.localhost>',
    PUBLIC_BASE_URL: `http://localhost:${httpPort}`,
    ADMIN_EMAILS: 'admin@glokal.localhost',
    MAIL_SEND_RATE: '20',
    // DynamoDB Local, one JVM on a laptop's (or CI's shared) cores, can answer far slower than DynamoDB under load: a slow answer here is not a fault. The fault suite sets its own short bounds.
    DYNAMODB_REQUEST_TIMEOUT_MS: '10000',
    // Every local invocation shares one process, so one SDK client and its socket pool: under a burst (hundreds of RSVPs at once) a call waits for a free socket, and that wait counts against the connection bound — no Lambda container queues like that.
    DYNAMODB_CONNECT_TIMEOUT_MS: '5000',
    // Signs preference links: a key generated once in the data directory, never a constant in the code (in AWS a Secrets Manager secret).
    LINK_SIGNING_KEY: localKeyFile(join(localSettings.dataDir, 'link-signing-key')),
    // No X-Ray daemon and no CloudWatch here: Tracer off, Metrics keep their EMF lines off the console.
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
    // The AWS SDK warns that Node 20 is past its support window; Lambda runs 24.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...overrides,
  } as Record<string, string>;
}

/** Sets the local environment for this process before any handler module is imported. */
export function applyLocalEnvironment(): void {
  for (const [key, value] of Object.entries(localEnvironment())) process.env[key] ??= value;
}
