import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured JSON logger. Log ids and codes, never names, emails or form
 * contents: logs are kept for months and are not covered by erasure requests.
 */
export const logger = new Logger({
  serviceName: 'glokal',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | 'DEBUG' | 'WARN' | 'ERROR' | 'SILENT' | undefined) ?? 'INFO',
});
