import type { EmailCategory } from './categories.js';

/**
 * What each message the product sends says, as data: the use cases fill it
 * in, the outbox keeps it, and shared/email renders it in the reader's
 * language. The domain owns the content; the wording lives in the templates.
 */
export interface EventSummary {
  title: string;
  startsAt: string;
  endsAt: string;
  venue?: string;
  onlineUrl?: string;
}

export interface ApplicationVerificationData {
  contactName: string;
  organisationName: string;
  verifyUrl: string;
  expiresAt: string;
}

export interface ApplicationReceivedAdminData {
  applicationId: string;
  organisationName: string;
  organisationType: string;
  country: string;
  submittedAt: string;
  adminUrl: string;
}

export interface ApplicationApprovedData {
  contactName: string;
  organisationName: string;
  memberId: string;
  /** The primary contact's link for adding colleagues (absent in welcome emails queued before there was one). */
  addColleaguesUrl?: string;
}

export interface ApplicationRejectedData {
  contactName: string;
  organisationName: string;
  reason: string;
}

export interface ApplicationsEscalationData {
  applications: Array<{ applicationId: string; organisationName: string; submittedAt: string; workingDaysWaiting: number }>;
  adminUrl: string;
}

export interface EventInvitationData {
  contactName: string;
  event: EventSummary & { description: string };
  rsvpDeadline: string;
  acceptUrl: string;
  declineUrl: string;
  rsvpUrl: string;
}

export interface EventReminderData {
  contactName: string;
  event: EventSummary;
  /** Calendar days from the reminder's day to the start's (Warsaw dates): 7, 1, or 0 for a reminder caught up on the day itself. */
  daysBefore: number;
  rsvpUrl: string;
}

export interface RsvpNudgeData {
  contactName: string;
  event: EventSummary;
  rsvpDeadline: string;
  acceptUrl: string;
  declineUrl: string;
}

export interface RsvpConfirmationData {
  contactName: string;
  event: EventSummary;
  answer: 'accepted' | 'declined' | 'waitlisted';
  waitlistPosition?: number;
  rsvpUrl: string;
}

export interface WaitlistPromotedData {
  contactName: string;
  event: EventSummary;
  rsvpUrl: string;
}

export interface EventUpdatedData {
  contactName: string;
  /** The event as it is now. */
  event: EventSummary;
  /** What this change moved: its time, its place, or both. */
  changed: Array<'time' | 'place'>;
  rsvpUrl: string;
}

export interface EventCancelledData {
  contactName: string;
  event: EventSummary;
  /** The administrator's reason, when one was given. */
  reason?: string;
}

export interface GrantReminderDigestData {
  contactName: string;
  /**
   * Nearest deadline first. `late`: the reminder's day was missed (the run did
   * not happen) and it is caught up now, while the deadline is still ahead.
   */
  calls: Array<{ programme: string; callIdentifier: string; title: string; url: string; deadline: string; daysLeft: number; late?: boolean; notRelevantUrl: string }>;
  /** The page whose button stops every grant reminder to this address (the message's List-Unsubscribe does the same in one click). */
  stopUrl?: string;
  /** The contact's deadline calendar feed, to subscribe to once. */
  calendarUrl?: string;
}

export interface ContactConfirmationData {
  contactName: string;
  organisationName: string;
  /** The link's page; its button confirms (opening it changes nothing). */
  confirmUrl: string;
  expiresAt: string;
  /** A new contact of the member, or a contact's new address. */
  reason: 'added' | 'email-changed';
  /** The colleague who added this contact, where one did (else the cluster office did). */
  addedByName?: string;
}

export interface ContactAddressChangedData {
  contactName: string;
  organisationName: string;
  changedAt: string;
}

/** Every message by the name stored in outbox items, with its data. */
export interface MessageData {
  'application-verification': ApplicationVerificationData;
  'application-received-admin': ApplicationReceivedAdminData;
  'application-approved': ApplicationApprovedData;
  'application-rejected': ApplicationRejectedData;
  'applications-escalation': ApplicationsEscalationData;
  'event-invitation': EventInvitationData;
  'event-reminder': EventReminderData;
  'rsvp-nudge': RsvpNudgeData;
  'rsvp-confirmation': RsvpConfirmationData;
  'waitlist-promoted': WaitlistPromotedData;
  'event-updated': EventUpdatedData;
  'event-cancelled': EventCancelledData;
  'grant-reminder-digest': GrantReminderDigestData;
  'contact-confirmation': ContactConfirmationData;
  'contact-address-changed': ContactAddressChangedData;
}

export type MessageName = keyof MessageData;

/** Which messages are member communications (one can unsubscribe from them) and which are transactional. */
export const messageCategories: { readonly [N in MessageName]: EmailCategory } = {
  'application-verification': 'transactional',
  'application-received-admin': 'transactional',
  'application-approved': 'transactional',
  'application-rejected': 'transactional',
  'applications-escalation': 'transactional',
  'event-invitation': 'events',
  'event-reminder': 'events',
  'rsvp-nudge': 'events',
  'rsvp-confirmation': 'transactional',
  'waitlist-promoted': 'transactional',
  'event-updated': 'transactional',
  'event-cancelled': 'transactional',
  'grant-reminder-digest': 'grants',
  'contact-confirmation': 'transactional',
  'contact-address-changed': 'transactional',
};

export const messageNames = Object.keys(messageCategories) as MessageName[];
