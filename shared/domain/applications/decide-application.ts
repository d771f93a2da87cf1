import { ConflictError, NotFoundError } from '../errors.js';
import type { Clock } from '../../platform/clock.js';
import { hashToken, type IdGenerator } from '../../platform/ids.js';
import type { Actor } from '../actor.js';
import { auditEntry } from '../audit/audit-entry.js';
import { colleaguesUrl } from '../members/changes.js';
import { colleagueLinkDays, memberFromApplication } from '../members/member.js';
import type { Application } from './application.js';
import { StaleApplication } from './errors.js';
import type { ApplicationStore } from './ports.js';

export interface DecideDependencies {
  clock: Clock;
  ids: IdGenerator;
  store: ApplicationStore;
  /** Base of the links in the welcome email. */
  publicBaseUrl: string;
}

async function decidable(applicationId: string, store: ApplicationStore): Promise<Application> {
  const application = await store.get(applicationId);
  if (!application) throw new NotFoundError('No application has this id.');
  if (application.status !== 'SUBMITTED') {
    throw new ConflictError(
      application.status === 'PENDING_VERIFICATION'
        ? 'The applicant has not confirmed the email yet; only submitted applications can be decided.'
        : `The application was already ${application.status === 'APPROVED' ? 'approved' : 'rejected'}.`,
      application.status === 'PENDING_VERIFICATION' ? 'NOT_SUBMITTED' : 'ALREADY_DECIDED',
    );
  }
  return application;
}

const alreadyDecided = () => new ConflictError('Another administrator decided this application a moment ago.', 'ALREADY_DECIDED');

/**
 * Approval: the member, its primary contact, the status change, the welcome
 * email (with the primary contact's link for adding colleagues) and the
 * audit entry, atomically.
 */
export async function approveApplication(applicationId: string, actor: Actor, deps: DecideDependencies): Promise<Application> {
  const application = await decidable(applicationId, deps.store);
  const now = deps.clock.now();
  const { member, contact } = memberFromApplication(application, { memberId: deps.ids.newId(), contactId: deps.ids.newId() }, now);
  const decided: Application = { ...application, status: 'APPROVED', decidedAt: now.toISOString(), decidedBy: actor.subject, memberId: member.memberId };
  const colleaguesToken = deps.ids.newToken();
  const colleagueLink = {
    tokenHash: hashToken(colleaguesToken),
    memberId: member.memberId,
    contactId: contact.contactId,
    expiresAt: new Date(now.getTime() + colleagueLinkDays * 86_400_000).toISOString(),
  };
  try {
    await deps.store.approve(
      application,
      decided,
      member,
      contact,
      {
        to: contact.email,
        lang: contact.language,
        template: 'application-approved',
        data: { contactName: contact.name, organisationName: member.name, memberId: member.memberId, addColleaguesUrl: colleaguesUrl(deps.publicBaseUrl, colleaguesToken) },
      },
      auditEntry({
        id: deps.ids.newId(),
        at: now,
        actor,
        action: 'application.approve',
        target: `application/${applicationId}`,
        before: { status: application.status },
        after: { status: decided.status, memberId: member.memberId },
      }),
      colleagueLink,
    );
  } catch (error) {
    if (error instanceof StaleApplication) throw alreadyDecided();
    throw error;
  }
  return decided;
}

/** Rejection: the reason goes to the applicant, and the organisation may apply again. */
export async function rejectApplication(applicationId: string, reason: string, actor: Actor, deps: DecideDependencies): Promise<Application> {
  const application = await decidable(applicationId, deps.store);
  const now = deps.clock.now();
  const decided: Application = { ...application, status: 'REJECTED', decidedAt: now.toISOString(), decidedBy: actor.subject, rejectionReason: reason };
  try {
    await deps.store.reject(
      application,
      decided,
      {
        to: application.contact.email,
        lang: application.language,
        template: 'application-rejected',
        data: { contactName: application.contact.name, organisationName: application.organisation.name, reason },
      },
      auditEntry({
        id: deps.ids.newId(),
        at: now,
        actor,
        action: 'application.reject',
        target: `application/${applicationId}`,
        before: { status: application.status },
        after: { status: decided.status, reason },
      }),
    );
  } catch (error) {
    if (error instanceof StaleApplication) throw alreadyDecided();
    throw error;
  }
  return decided;
}
