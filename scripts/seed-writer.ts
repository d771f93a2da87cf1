import { writeMembers } from '../shared/adapters/dynamo/member-bulk-writer.js';
import { eventDependencies } from '../shared/composition/events.js';
import { grantDependencies } from '../shared/composition/grants.js';
import { warsawDate } from '../shared/domain/calendar/warsaw-time.js';
import { createEvent } from '../shared/domain/events/create-event.js';
import type { EventInput } from '../shared/domain/events/event.js';
import { createCall } from '../shared/domain/grants/create-call.js';
import type { FundingCallInput } from '../shared/domain/grants/funding-call.js';
import { randomIds } from '../shared/platform/ids.js';
import { events, fundingCalls } from './seed-catalogue.js';
import { demoMembers, derivedId, type DemoShape } from './seed-data.js';

/** Who the audit entries of seeded events and calls name. */
const seedActor = { subject: 'seed-script' };

/** A Warsaw local date `days` after today, as the forms take it. */
const daysAhead = (days: number, hour: number) => `${warsawDate(new Date(Date.now() + days * 86_400_000))}T${String(hour).padStart(2, '0')}:00`;

/** The use cases' ids, the first new id fixed (the event's or call's own), so seeding again finds it instead of making another. */
const idsStartingWith = (first: string) => {
  let used = false;
  return {
    ...randomIds,
    newId: () => {
      if (used) return randomIds.newId();
      used = true;
      return first;
    },
  };
};

export interface SeedOutcome {
  members: number;
  contacts: number;
  events: { created: number; existing: number };
  calls: { created: number; existing: number };
}

/**
 * Writes the demo data of a seed to the table the configuration names:
 * members and contacts in batch writes (with their search lookups), events
 * and funding calls through their use cases (validated, audited, reminders
 * scheduled). Events and calls that exist already are left as they are.
 */
export async function seedDemoData(shape: DemoShape, log: (line: string) => void = () => undefined): Promise<SeedOutcome> {
  const batch = demoMembers(shape);
  await writeMembers(batch);
  log(`${batch.members.length} members and ${batch.contacts.length} contacts written (seed ${shape.seed})`);

  const outcome: SeedOutcome = { members: batch.members.length, contacts: batch.contacts.length, events: { created: 0, existing: 0 }, calls: { created: 0, existing: 0 } };
  for (const [index, template] of events.entries()) {
    const eventId = derivedId(shape.seed, `event-${index}`);
    if (await eventDependencies.store.get(eventId)) {
      outcome.events.existing += 1;
      continue;
    }
    const { daysAhead: days, hours, ...details } = template;
    const input: EventInput = {
      ...(details as Omit<EventInput, 'start' | 'end' | 'rsvpDeadline' | 'extraInvitees'>),
      start: daysAhead(days, hours[0]),
      end: daysAhead(days, hours[1]),
      rsvpDeadline: daysAhead(days - 7, 23),
      extraInvitees: [],
    };
    await createEvent(input, seedActor, { ...eventDependencies, ids: idsStartingWith(eventId) });
    outcome.events.created += 1;
  }
  for (const [index, template] of fundingCalls.entries()) {
    const callId = derivedId(shape.seed, `call-${index}`);
    if (await grantDependencies.store.get(callId)) {
      outcome.calls.existing += 1;
      continue;
    }
    const { daysAhead: days, ...details } = template;
    const input = { ...details, deadline: daysAhead(days, 12) } as unknown as FundingCallInput;
    await createCall(input, seedActor, { ...grantDependencies, ids: idsStartingWith(callId) });
    outcome.calls.created += 1;
  }
  log(`events: ${outcome.events.created} created, ${outcome.events.existing} already there; funding calls: ${outcome.calls.created} created, ${outcome.calls.existing} already there`);
  return outcome;
}
