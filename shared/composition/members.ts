import { memberRepository } from '../adapters/dynamo/member-repository.js';
import { recipientRepository } from '../adapters/dynamo/recipient-repository.js';
import { config } from '../config.js';
import type { AudienceDependencies } from '../domain/members/audience.js';
import type { ColleagueDependencies } from '../domain/members/colleagues.js';
import type { ConfirmDependencies } from '../domain/members/confirm-contact.js';
import type { MemberDirectory } from '../domain/members/ports.js';
import type { UpkeepDependencies } from '../domain/members/upkeep.js';
import { systemClock } from '../platform/clock.js';
import { randomIds } from '../platform/ids.js';

/**
 * The composition root of member upkeep: the directory the member queries
 * read, the store the upkeep, confirmation and colleague use cases write,
 * and the mail feature's preferences (a notification settings link proves
 * an address, so it opens the colleagues page too). Tests replace single
 * dependencies (the clock) by spreading over these.
 */
export const memberDependencies: UpkeepDependencies & ColleagueDependencies & ConfirmDependencies & AudienceDependencies & { directory: MemberDirectory } = {
  clock: systemClock,
  ids: randomIds,
  store: memberRepository,
  directory: memberRepository,
  publicBaseUrl: config.PUBLIC_BASE_URL,
  preferencesAddress: async (token) => {
    const preferences = await recipientRepository.findByToken(token);
    return preferences ? { email: preferences.email, lang: preferences.lang } : undefined;
  },
};
