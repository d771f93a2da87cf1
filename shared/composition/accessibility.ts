import { config } from '../config.js';

/** The bare address of the cluster's sending address (`Name <address>` or a bare address): where people write about accessibility. */
function addressOf(mailFrom: string): string {
  return /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
}

export const accessibilityContact = { officeAddress: addressOf(config.MAIL_FROM) };
