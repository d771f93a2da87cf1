import { applicationApproved } from './application-approved.js';
import { applicationReceivedAdmin } from './application-received-admin.js';
import { applicationRejected } from './application-rejected.js';
import { applicationsEscalation } from './applications-escalation.js';
import { applicationVerification } from './application-verification.js';
import { contactAddressChanged } from './contact-address-changed.js';
import { contactConfirmation } from './contact-confirmation.js';
import { eventCancelled } from './event-cancelled.js';
import { eventInvitation } from './event-invitation.js';
import { eventReminder } from './event-reminder.js';
import { eventUpdated } from './event-updated.js';
import { grantReminderDigest } from './grant-reminder-digest.js';
import { rsvpConfirmation } from './rsvp-confirmation.js';
import { rsvpNudge } from './rsvp-nudge.js';
import { waitlistPromoted } from './waitlist-promoted.js';

/** Every message the product sends, by the name stored in outbox items. */
export const templates = {
  'application-verification': applicationVerification,
  'application-received-admin': applicationReceivedAdmin,
  'application-approved': applicationApproved,
  'application-rejected': applicationRejected,
  'applications-escalation': applicationsEscalation,
  'event-invitation': eventInvitation,
  'event-reminder': eventReminder,
  'rsvp-nudge': rsvpNudge,
  'rsvp-confirmation': rsvpConfirmation,
  'waitlist-promoted': waitlistPromoted,
  'event-updated': eventUpdated,
  'event-cancelled': eventCancelled,
  'grant-reminder-digest': grantReminderDigest,
  'contact-confirmation': contactConfirmation,
  'contact-address-changed': contactAddressChanged,
};

export type TemplateName = keyof typeof templates;
export type TemplateData<N extends TemplateName> = (typeof templates)[N]['sample'];
export const templateNames = Object.keys(templates) as TemplateName[];
