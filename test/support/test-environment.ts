import { localEnvironment } from '../../infra/local/settings.js';

/** Ports distinct from `npm start`'s, so the suite runs while the local stack is up (movable, so two runs can share a machine). */
export const testPorts = { dynamo: Number(process.env.TEST_DYNAMODB_PORT ?? 8100), ses: Number(process.env.TEST_SES_PORT ?? 8105) };

/** The local stack's environment, pointed at the test services; each test file sets its own TABLE_NAME. */
export const testEnvironment: Record<string, string> = {
  ...localEnvironment({
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${testPorts.dynamo}`,
    SES_ENDPOINT: `http://127.0.0.1:${testPorts.ses}`,
    TABLE_NAME: 'set-per-test-file',
    MAIL_FROM: 'Klaster GLOKAL <biuro@glokal.test>',
    PUBLIC_BASE_URL: 'http://localhost:3999',
    ADMIN_EMAILS: 'office@glokal.test',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    LOG_LEVEL: 'SILENT',
  }),
  DYNAMODB_PORT: String(testPorts.dynamo),
  SES_PORT: String(testPorts.ses),
};
