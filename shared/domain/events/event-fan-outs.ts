import type { Clock } from '../../platform/clock.js';
import { hashToken, type IdGenerator } from '../../platform/ids.js';
import type { NewMessage } from '../mail/outbox-message.js';
import type { FanOutPage, FanOutRun, FanOutStore } from '../fanout/fan-out.js';
import type { ClusterEvent } from './event.js';
import type { Invitation } from './invitation.js';
import type { EventStore, InvitationPage, InvitationRoster, NewRsvpLink } from './ports.js';
import { rsvpUrl, type RsvpDependencies } from './rsvp.js';

/**
 * What the event's own fan-outs (change and cancellation notices, reminders,
 * nudges) need: the event, its invitations page by page, the runs, and how
 * links and calendar files are made.
 */
export interface EventFanOutDependencies {
  clock: Clock;
  ids: IdGenerator;
  store: Pick<EventStore, 'get' | 'list'>;
  roster: InvitationRoster;
  runs: Pick<FanOutStore, 'start' | 'list'>;
  publicBaseUrl: string;
  calendar: RsvpDependencies['calendar'];
}

/** An event's fan-out runs live in its partition, beside the event and its invitations. */
export const eventRunScope = (eventId: string) => `EVENT#${eventId}`;

/** Invitations per page: a few hundred, so a page's reads and writes stay far from the runner's time limit. */
export const eventFanOutPageSize = 200;

/** The deterministic id of one run's email to one invitee: a page made again queues it once. */
export const eventFanOutMessageId = (eventId: string, runId: string, inviteeId: string) => `event-${eventId}-${runId}-${inviteeId}`;

/** The page of a run with no reason to go on (the event is gone, changed again, cancelled, or past what the run speaks of): it ends STOPPED. */
export const stoppedPage: FanOutPage = { units: [], stop: true };

/** An email of an event run, but for what every one of them takes from its invitation (id, address, language). */
type InviteeMail = NewMessage extends infer M ? (M extends unknown ? Omit<M, 'messageId' | 'to' | 'lang'> : never) : never;

/** A page of an event run: one email per invitation of the roster's page (its id deterministic per run and invitee), and the roster's cursor. */
export function inviteePage(event: ClusterEvent, run: FanOutRun, page: InvitationPage, mail: (invitation: Invitation) => InviteeMail): FanOutPage {
  return {
    units: page.invitations.map((invitation) => ({
      message: { messageId: eventFanOutMessageId(event.eventId, run.runId, invitation.inviteeId), to: invitation.email, lang: invitation.language, ...mail(invitation) },
    })),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

/** RSVP links outlive the event by this long, so a late click still finds its page (which then says answers are closed). */
const linkLifetimeAfterEndMs = 30 * 24 * 60 * 60 * 1000;

/**
 * A new RSVP link per invitation (the invitation's first token is stored only
 * hashed, so an email that needs a link gets a new one). The links are
 * written before the page's emails are queued: a link whose email never goes
 * out (a page made again after a crash) names an invitation that exists and
 * expires after the event, so it is harmless.
 */
export async function freshRsvpUrls(event: ClusterEvent, invitations: readonly Invitation[], deps: Pick<EventFanOutDependencies, 'ids' | 'clock' | 'roster' | 'publicBaseUrl'>): Promise<Map<string, string>> {
  const createdAt = deps.clock.now().toISOString();
  const expiresAt = new Date(new Date(event.endsAt).getTime() + linkLifetimeAfterEndMs);
  const urls = new Map<string, string>();
  const links: NewRsvpLink[] = invitations.map((invitation) => {
    const token = deps.ids.newToken();
    urls.set(invitation.inviteeId, rsvpUrl(deps, token));
    return { tokenHash: hashToken(token), eventId: event.eventId, inviteeId: invitation.inviteeId, createdAt, expiresAt };
  });
  await deps.roster.addLinks(links);
  return urls;
}
