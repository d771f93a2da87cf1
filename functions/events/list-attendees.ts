import { attendeeDependencies } from '../../shared/composition/attendees.js';
import { listAttendees as route } from '../../shared/contracts/attendees.js';
import { listAttendees } from '../../shared/domain/events/attendees.js';
import { csvFile } from '../../shared/http/csv.js';
import { httpHandler } from '../../shared/http/handler.js';
import { preferredMediaType } from '../../shared/http/negotiation.js';
import { json } from '../../shared/http/responses.js';
import { attendeeSheet } from '../../shared/pages/attendee-sheet.js';

export const handler = httpHandler(route, async ({ params, query }, { event }) => {
  const attendees = await listAttendees(params.id, query.answer, attendeeDependencies);
  if (preferredMediaType(event.headers?.accept, ['application/json', 'text/csv']) === 'text/csv') {
    return csvFile(200, attendeeSheet(attendees), `attendees-${params.id}.csv`);
  }
  return json(200, { items: attendees });
});
