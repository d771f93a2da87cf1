import { config } from '../../config.js';
import { documentClient } from './client.js';
import { Service } from './entities/common.js';
import { application } from './entities/application.js';
import { auditEntry } from './entities/audit-entry.js';
import { colleagueLink } from './entities/colleague-link.js';
import { contact } from './entities/contact.js';
import { contactConfirmation } from './entities/contact-confirmation.js';
import { erasedAddress } from './entities/erased-address.js';
import { event } from './entities/event.js';
import { fundingCall } from './entities/funding-call.js';
import { grantImport } from './entities/grant-import.js';
import { grantLink } from './entities/grant-link.js';
import { grantOptOut } from './entities/grant-opt-out.js';
import { grantReminderDue } from './entities/grant-reminder-due.js';
import { grantSentCount } from './entities/grant-sent-count.js';
import { fanOutMarker } from './entities/fan-out-marker.js';
import { fanOutRun } from './entities/fan-out-run.js';
import { idempotencyRecord } from './entities/idempotency-record.js';
import { invitation } from './entities/invitation.js';
import { invitationRun } from './entities/invitation-run.js';
import { member } from './entities/member.js';
import { memberInterest } from './entities/member-interest.js';
import { memberLookup } from './entities/member-lookup.js';
import { organisationLock } from './entities/organisation-lock.js';
import { outboxMessage } from './entities/outbox-message.js';
import { preferencesLink } from './entities/preferences-link.js';
import { recipientPreferences } from './entities/recipient-preferences.js';
import { rsvpLink } from './entities/rsvp-link.js';
import { seatCount } from './entities/seat-count.js';
import { sendRateWindow } from './entities/send-rate-window.js';
import { suppression } from './entities/suppression.js';
import { verification } from './entities/verification.js';

/**
 * Every item type of the one table, as ElectroDB entities of one service:
 * transactions span them (`glokal.transaction.write`), collections read a
 * shared partition in one query (`memberWithContacts`, `recipientState`,
 * `linkToken`). The table itself is described once, in table-definition.ts.
 */
export const glokal = new Service(
  {
    application,
    organisationLock,
    verification,
    idempotencyRecord,
    member,
    contact,
    memberInterest,
    memberLookup,
    contactConfirmation,
    colleagueLink,
    outboxMessage,
    recipientPreferences,
    preferencesLink,
    suppression,
    erasedAddress,
    auditEntry,
    sendRateWindow,
    event,
    invitation,
    invitationRun,
    rsvpLink,
    seatCount,
    fundingCall,
    grantReminderDue,
    grantImport,
    grantLink,
    grantOptOut,
    grantSentCount,
    fanOutRun,
    fanOutMarker,
  },
  { table: config.TABLE_NAME, client: documentClient },
);

export type Entities = typeof glokal.entities;
