import { fanOutRepository } from '../adapters/dynamo/fan-out-repository.js';
import { grantLinkRepository } from '../adapters/dynamo/grant-link-repository.js';
import { callRepository, dueReminderRepository, grantSentCountRepository } from '../adapters/dynamo/grant-repository.js';
import { memberRepository } from '../adapters/dynamo/member-repository.js';
import { recipientRepository } from '../adapters/dynamo/recipient-repository.js';
import { normaliseEmail } from '../adapters/dynamo/entities/common.js';
import { linkSigningKey } from '../adapters/secrets/link-signing-key.js';
import { config } from '../config.js';
import type { DigestDependencies } from '../domain/grants/digest-run.js';
import { systemClock } from '../platform/clock.js';
import { grantCalendarToken, grantNotRelevantToken, grantStopToken } from '../platform/grant-link-tokens.js';

/** The composition root of the daily grant digests: members, calls and their due index, the fan-out store, links signed with the link key. */
export const grantDigestDependencies: DigestDependencies = {
  clock: systemClock,
  directory: memberRepository,
  contactsWithAddress: (email) => memberRepository.contactsWithAddress(email),
  calls: callRepository,
  due: dueReminderRepository,
  runs: fanOutRepository,
  recipients: recipientRepository,
  links: grantLinkRepository,
  linkTokens: {
    notRelevant: async (email, callId) => grantNotRelevantToken(await linkSigningKey(), normaliseEmail(email), callId),
    stop: async (email) => grantStopToken(await linkSigningKey(), normaliseEmail(email)),
    calendar: async (contactId) => grantCalendarToken(await linkSigningKey(), contactId),
  },
  sentCounts: grantSentCountRepository,
  publicBaseUrl: config.PUBLIC_BASE_URL,
};
