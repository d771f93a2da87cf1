import type { Clock } from '../../platform/clock.js';
import { hashToken, type IdGenerator } from '../../platform/ids.js';
import type { FanOutRun, FanOutStore } from '../fanout/fan-out.js';
import type { ClusterEvent } from './event.js';
import type { Invitation } from './invitation.js';
import type { EventStore, InvitationRoster, NewRsvpLink } from './ports.js';
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

/** Named query behind `GET /admin/events/{id}`'s `mailRuns`: the event's notice, reminder and nudge runs, newest first. */
export function eventMailRuns(eventId: string, deps: Pick<EventFanOutDependencies, 'runs'>): Promise<FanOutRun[]> {
  return deps.runs.list(eventRunScope(eventId));
}
