import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { config } from '../../config.js';
import { PermanentSendError, TransientSendError, type MailSender } from '../../domain/mail/ports.js';
import { headerText } from '../../email/header.js';
import { sesClient } from './ses-client.js';

const transientNames = new Set(['TooManyRequestsException', 'ThrottlingException', 'LimitExceededException', 'SendingPausedException', 'TimeoutError']);

/** Throttling, 5xx and network failures are worth retrying; any other refusal will not change. */
export function classifySesError(error: unknown): TransientSendError | PermanentSendError {
  const err = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const status = err.$metadata?.httpStatusCode;
  const message = `${err.name ?? 'Error'}: ${err.message ?? String(error)}`;
  if (status === undefined || status >= 500 || status === 429 || transientNames.has(err.name ?? '') || err.$retryable) return new TransientSendError(message);
  return new PermanentSendError(message);
}

/**
 * SES v2 with Simple content, so custom headers (List-Unsubscribe) and
 * attachments (.ics) survive. Everything that becomes a header (addresses
 * with their display names, the subject, custom headers, file names) is
 * flattened to one line here, the last place before the wire.
 */
export function createSesSender(client: SESv2Client = sesClient): MailSender {
  return {
  async send(email) {
    try {
      const result = await client.send(
        new SendEmailCommand({
          FromEmailAddress: headerText(config.MAIL_FROM),
          Destination: { ToAddresses: [headerText(email.to)] },
          ...(config.SES_CONFIGURATION_SET ? { ConfigurationSetName: config.SES_CONFIGURATION_SET } : {}),
          Content: {
            Simple: {
              Subject: { Data: headerText(email.subject), Charset: 'UTF-8' },
              Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
              Headers: email.headers.map((header) => ({ Name: headerText(header.name), Value: headerText(header.value) })),
              ...(email.attachments.length > 0
                ? {
                    Attachments: email.attachments.map((attachment) => ({
                      FileName: headerText(attachment.filename),
                      ContentType: attachment.contentType,
                      ContentDisposition: 'ATTACHMENT' as const,
                      RawContent: new TextEncoder().encode(attachment.content),
                    })),
                  }
                : {}),
            },
          },
        }),
      );
      return result.MessageId ?? 'unknown';
    } catch (error) {
      throw classifySesError(error);
    }
  },
  };
}

export const sesSender = createSesSender();
