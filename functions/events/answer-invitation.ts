import { rsvpDependencies } from '../../shared/composition/rsvp.js';
import { answerInvitation as route } from '../../shared/contracts/rsvp.js';
import { respondToInvitation } from '../../shared/domain/events/rsvp.js';
import { httpHandler } from '../../shared/http/handler.js';
import { html } from '../../shared/http/responses.js';
import { rsvpPage } from '../../shared/pages/rsvp-page.js';
import { unknownLinkAsPage } from '../../shared/pages/unknown-link-error.js';

/** The RSVP page's button: records accept (a seat or the waitlist) or decline, and shows what happened. */
export const handler = httpHandler(route, async ({ params, body }) => html(200, rsvpPage(await respondToInvitation(params.token, body.response, rsvpDependencies), params.token)), {
  renderError: unknownLinkAsPage,
});
