/**
 * The table's key formats, written out literally. Tests read and write items
 * at these keys directly, so a change of format in the entities (which would
 * orphan data already stored) fails them. Keep them as they are: items in
 * deployed tables use them.
 */
const lower = (email: string) => email.trim().toLowerCase();

export const storedKeys = {
  application: (applicationId: string) => ({ pk: `APPLICATION#${applicationId}`, sk: 'APPLICATION' }),
  organisationLock: (identity: string) => ({ pk: `ORGANISATION#${identity}`, sk: 'LOCK' }),
  verification: (tokenHash: string) => ({ pk: `VERIFY#${tokenHash}`, sk: 'VERIFY' }),
  idempotency: (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: 'IDEMPOTENCY' }),
  memberPartition: (memberId: string) => `MEMBER#${memberId}`,
  member: (memberId: string) => ({ pk: `MEMBER#${memberId}`, sk: 'MEMBER' }),
  memberContact: (memberId: string, contactId: string) => ({ pk: `MEMBER#${memberId}`, sk: `CONTACT#${contactId}` }),
  memberInterest: (memberId: string, interest: string) => ({ pk: `MEMBER#${memberId}`, sk: `INTEREST#${interest}` }),
  audit: (at: string, auditId: string) => ({ pk: `AUDIT#${at.slice(0, 10)}`, sk: `${at}#${auditId}` }),
  outboxMessage: (messageId: string) => ({ pk: `OUTBOX#${messageId}`, sk: 'OUTBOX' }),
  recipientPartition: (email: string) => `RECIPIENT#${lower(email)}`,
  recipientPreferences: (email: string) => ({ pk: `RECIPIENT#${lower(email)}`, sk: 'PREFERENCES' }),
  recipientSuppression: (email: string) => ({ pk: `RECIPIENT#${lower(email)}`, sk: 'SUPPRESSION' }),
  recipientLegacyLink: (email: string) => ({ pk: `RECIPIENT#${lower(email)}`, sk: 'LINK#LEGACY' }),
  sendRateWindow: (epochSecond: number) => ({ pk: 'RATE#mail', sk: String(epochSecond) }),
};
