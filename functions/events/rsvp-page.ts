import { rsvpDependencies } from '../../shared/composition/rsvp.js';
import { rsvpPage as route } from '../../shared/contracts/rsvp.js';
import { rsvpState } from '../../shared/domain/events/rsvp.js';
import { httpHandler } from '../../shared/http/handler.js';
import { html } from '../../shared/http/responses.js';
import { rsvpPage } from '../../shared/pages/rsvp-page.js';
import { unknownLinkAsPage } from '../../shared/pages/unknown-link-error.js';

/** The invitation email's link: shows the event and the answer; only the page's button answers (mail scanners open links). */
export const handler = httpHandler(route, async ({ params, query }) => html(200, rsvpPage(await rsvpState(params.token, rsvpDependencies), params.token, query.response)), {
  renderError: unknownLinkAsPage,
});
