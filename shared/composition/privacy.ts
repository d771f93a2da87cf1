import { accessibilityContact } from './accessibility.js';

/** Where the application form's privacy notice tells people to write: the office, the same address as for accessibility. */
export const privacyContact = accessibilityContact.officeAddress;
