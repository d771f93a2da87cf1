/**
 * Every key and index value of the single table, in one place. Each item also
 * carries `entity` naming what it is.
 */
export const entities = {
  application: 'APPLICATION',
  outbox: 'OUTBOX',
  preferences: 'PREFERENCES',
  /** A link token issued before tokens were derived (kept hashed so links already sent keep working). */
  preferencesLink: 'PREFERENCES_LINK',
  suppression: 'SUPPRESSION',
  rateWindow: 'RATE_WINDOW',
  organisationLock: 'ORGANISATION_LOCK',
  verification: 'VERIFICATION',
  idempotency: 'IDEMPOTENCY',
  member: 'MEMBER',
  memberInterest: 'MEMBER_INTEREST',
  contact: 'CONTACT',
  audit: 'AUDIT',
} as const;

/** Names sort without case or diacritics: "Łódź" sorts with "Lodz". */
const sortName = (name: string) =>
  name
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/#/g, ' ')
    .slice(0, 60);

/** Addresses are compared without case; the key uses the lower-cased form. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export const keys = {
  application: (applicationId: string) => ({ pk: `APPLICATION#${applicationId}`, sk: 'APPLICATION' }),
  /** gsi1: applications of one status, newest first. */
  applicationsByStatus: (status: string) => `APPLICATIONS#${status}`,
  /** gsi2: all applications, newest first. */
  allApplications: 'APPLICATIONS',
  /** Sort key of the application lists: the time the status (or the application) began, then the id. */
  applicationListSort: (at: string, applicationId: string) => `${at}#${applicationId}`,
  /** One organisation, one member: held by an open application, then by the member. */
  organisationLock: (identity: string) => ({ pk: `ORGANISATION#${identity}`, sk: 'LOCK' }),
  verification: (tokenHash: string) => ({ pk: `VERIFY#${tokenHash}`, sk: 'VERIFY' }),
  idempotency: (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: 'IDEMPOTENCY' }),

  member: (memberId: string) => ({ pk: `MEMBER#${memberId}`, sk: 'MEMBER' }),
  memberPartition: (memberId: string) => `MEMBER#${memberId}`,
  memberContact: (memberId: string, contactId: string) => ({ pk: `MEMBER#${memberId}`, sk: `CONTACT#${contactId}` }),
  memberInterest: (memberId: string, interest: string) => ({ pk: `MEMBER#${memberId}`, sk: `INTEREST#${interest}` }),
  /** gsi1: members of one status, by type then name. */
  membersByStatus: (status: string) => `MEMBERS#${status}`,
  memberListSort: (type: string, name: string, memberId: string) => `${type}#${sortName(name)}#${memberId}`,
  /** gsi2: members with one interest, by status, type, name. */
  membersByInterest: (interest: string) => `INTEREST#${interest}`,
  memberInterestSort: (status: string, type: string, name: string, memberId: string) => `${status}#${type}#${sortName(name)}#${memberId}`,
  /** gsi2: contacts by email (data subject requests, invitations). */
  contactByEmail: (email: string) => `CONTACT#${normaliseEmail(email)}`,

  /** One partition per day of admin actions. */
  audit: (at: string, auditId: string) => ({ pk: `AUDIT#${at.slice(0, 10)}`, sk: `${at}#${auditId}` }),

  outboxMessage: (messageId: string) => ({ pk: `OUTBOX#${messageId}`, sk: 'OUTBOX' }),
  /** gsi1: outbox messages of one status, by the time that matters for it (due, lease end, finish). */
  outboxByStatus: (status: string) => `OUTBOX#${status}`,
  outboxStatusSort: (at: string, messageId: string) => `${at}#${messageId}`,

  recipientPreferences: (email: string) => ({ pk: `RECIPIENT#${normaliseEmail(email)}`, sk: 'PREFERENCES' }),
  recipientSuppression: (email: string) => ({ pk: `RECIPIENT#${normaliseEmail(email)}`, sk: 'SUPPRESSION' }),
  recipientPartition: (email: string) => `RECIPIENT#${normaliseEmail(email)}`,
  recipientLegacyLink: (email: string) => ({ pk: `RECIPIENT#${normaliseEmail(email)}`, sk: 'LINK#LEGACY' }),
  /** gsi2: the preferences behind an unsubscribe link, by the hash of its token (the token itself is never stored). */
  preferencesByTokenHash: (tokenHash: string) => `PREFTOKEN#${tokenHash}`,

  /** One counter per second of sending, shared by every mailer invocation. */
  sendRateWindow: (epochSecond: number) => ({ pk: 'RATE#mail', sk: String(epochSecond) }),
};
