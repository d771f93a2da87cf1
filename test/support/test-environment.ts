/** Ports distinct from `npm start`'s, so the suite runs while the local stack is up. */
export const testPorts = { dynamo: 8100, ses: 8105 };

export const testEnvironment: Record<string, string> = {
  DYNAMODB_PORT: String(testPorts.dynamo),
  SES_PORT: String(testPorts.ses),
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  DYNAMODB_ENDPOINT: `http://127.0.0.1:${testPorts.dynamo}`,
  SES_ENDPOINT: `http://127.0.0.1:${testPorts.ses}`,
  TABLE_NAME: 'set-per-test-file',
  MAIL_FROM: 'Klaster GLOKAL <biuro@glokal.test>',
  PUBLIC_BASE_URL: 'http://localhost:3999',
  ADMIN_EMAILS: 'office@glokal.test',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  LOG_LEVEL: 'SILENT',
};
