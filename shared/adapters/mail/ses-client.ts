import { SESv2Client } from '@aws-sdk/client-sesv2';
import { config } from '../../config.js';

/** Built once per container; only the mailer imports it. */
export const sesClient = new SESv2Client({
  region: config.AWS_REGION,
  ...(config.SES_ENDPOINT ? { endpoint: config.SES_ENDPOINT } : {}),
});
