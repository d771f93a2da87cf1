import { memberRepository } from '../adapters/dynamo/member-repository.js';
import { recipientRepository } from '../adapters/dynamo/recipient-repository.js';
import { linkSigningKey } from '../adapters/secrets/link-signing-key.js';
import { config } from '../config.js';
import type { AudienceDependencies } from '../domain/members/audience.js';
import type { ColleagueDependencies } from '../domain/members/colleagues.js';
import type { ConfirmDependencies } from '../domain/members/confirm-contact.js';
import type { MemberDirectory } from '../domain/members/ports.js';
import type { UpkeepDependencies } from '../domain/members/upkeep.js';
import { systemClock } from '../platform/clock.js';
import { randomIds } from '../platform/ids.js';
import { preferencesTokenBehind } from '../platform/link-tokens.js';

/**
 * The composition root of member upkeep: the directory the member queries
 * read, the store the upkeep, confirmation and colleague use cases write,
 * and the mail feature's preferences (the notification settings page links to
 * the colleagues form with a token signed for that purpose: it proves an address). Tests replace single
 * dependencies (the clock) by spreading over these.
 */
export const memberDependencies: UpkeepDependencies & ColleagueDependencies & ConfirmDependencies & AudienceDependencies & { directory: MemberDirectory } = {
  clock: systemClock,
  ids: randomIds,
  store: memberRepository,
  directory: memberRepository,
  publicBaseUrl: config.PUBLIC_BASE_URL,
  preferencesAddress: async (token) => {
    // Only the settings page's own link to the form, not the preferences (unsubscribe) token of any member email.
    const preferencesToken = preferencesTokenBehind(await linkSigningKey(), token);
    if (!preferencesToken) return undefined;
    const preferences = await recipientRepository.findByToken(preferencesToken);
    return preferences ? { email: preferences.email, lang: preferences.lang } : undefined;
  },
};
