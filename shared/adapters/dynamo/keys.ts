/**
 * Every key and index value of the single table, in one place. Each item also
 * carries `entity` naming what it is.
 */
export const entities = {
  application: 'APPLICATION',
  outbox: 'OUTBOX',
  preferences: 'PREFERENCES',
  suppression: 'SUPPRESSION',
  rateWindow: 'RATE_WINDOW',
} as const;

/** Addresses are compared without case; the key uses the lower-cased form. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export const keys = {
  application: (applicationId: string) => ({ pk: `APPLICATION#${applicationId}`, sk: 'APPLICATION' }),
  /** gsi1: applications of one status, newest first. */
  applicationsByStatus: (status: string) => `APPLICATIONS#${status}`,
  /** gsi2: all applications, newest first. */
  allApplications: 'APPLICATIONS',
  /** Sort key of both application lists: creation time, then id for uniqueness. */
  applicationListSort: (createdAt: string, applicationId: string) => `${createdAt}#${applicationId}`,

  outboxMessage: (messageId: string) => ({ pk: `OUTBOX#${messageId}`, sk: 'OUTBOX' }),
  /** gsi1: outbox messages of one status, by the time that matters for it (due, lease end, finish). */
  outboxByStatus: (status: string) => `OUTBOX#${status}`,
  outboxStatusSort: (at: string, messageId: string) => `${at}#${messageId}`,

  recipientPreferences: (email: string) => ({ pk: `RECIPIENT#${normaliseEmail(email)}`, sk: 'PREFERENCES' }),
  recipientSuppression: (email: string) => ({ pk: `RECIPIENT#${normaliseEmail(email)}`, sk: 'SUPPRESSION' }),
  recipientPartition: (email: string) => `RECIPIENT#${normaliseEmail(email)}`,
  /** gsi2: the preferences behind an unsubscribe link. */
  preferencesByToken: (token: string) => `PREFTOKEN#${token}`,

  /** One counter per second of sending, shared by every mailer invocation. */
  sendRateWindow: (epochSecond: number) => ({ pk: 'RATE#mail', sk: String(epochSecond) }),
};
