import * as z from 'zod';

/**
 * The whole runtime configuration, read from the environment once at module
 * load. A missing or malformed variable stops the function at cold start with
 * its name, instead of failing later in the middle of a request.
 */
const commaList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

const optionalUrl = z.preprocess((value) => (value === '' ? undefined : value), z.url().optional());

const configSchema = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('eu-central-1'),
  /** Set only in the local stack and tests; in AWS the SDK picks the regional endpoint. */
  DYNAMODB_ENDPOINT: optionalUrl,
  SES_ENDPOINT: optionalUrl,
  /**
   * Bounds on every DynamoDB call, so that an unreachable or hanging table
   * becomes a 503 well inside an API function's 10 s: at most
   * attempts × request timeout plus the SDK's backoff (2 × 2 s + < 0.5 s).
   * The request timeout covers connecting, sending and the whole answer.
   */
  DYNAMODB_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(500),
  DYNAMODB_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  DYNAMODB_MAX_ATTEMPTS: z.coerce.number().int().positive().default(2),
  /** The same for SES, whose calls carry whole emails: a hanging SES costs one delivery attempt (retried later), not the mailer's 120 s. */
  SES_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(1000),
  SES_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** Address the cluster office sends from, e.g. "Klaster GLOKAL <biuro@glokal.example>". */
  MAIL_FROM: z.string().min(3),
  SES_CONFIGURATION_SET: z.string().default(''),
  /** Messages per second across all mailer invocations (the SES account's sending rate). */
  MAIL_SEND_RATE: z.coerce.number().positive().default(10),
  /** Attempts before an outbox message is marked FAILED. */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
  /** Base address of the public API; links in emails point here. */
  PUBLIC_BASE_URL: z.url().transform((url) => url.replace(/\/+$/, '')),
  /** Cluster office addresses notified of new and waiting applications. */
  ADMIN_EMAILS: commaList,
  /**
   * The key that signs preference links (unsubscribe). In AWS an SSM SecureString
   * (`LINK_SIGNING_KEY_PARAMETER`, its name); the local stack and tests set the key itself.
   * Only the functions that write links need either; they fail with the name when neither is set.
   */
  LINK_SIGNING_KEY: z.string().min(32).optional(),
  LINK_SIGNING_KEY_PARAMETER: z
    .string()
    .regex(/^\/[\w./-]{1,1000}$/, 'an SSM parameter name starting with /')
    .optional(),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')} (${issue.message})`);
    throw new ConfigError(`Missing or invalid configuration: ${problems.join(', ')}`);
  }
  return result.data;
}

export const config: Config = parseConfig(process.env);
