import { grantLinkDependencies } from '../../shared/composition/grant-links.js';
import { grantLinkPage as route } from '../../shared/contracts/grant-links.js';
import { grantLinkState } from '../../shared/domain/grants/opt-out-links.js';
import { httpHandler } from '../../shared/http/handler.js';
import { html } from '../../shared/http/responses.js';
import { grantLinkPage } from '../../shared/pages/grant-link-page.js';
import { unknownLinkAsPage } from '../../shared/pages/unknown-link-error.js';

/** A digest's "not relevant" or "stop" link: the page and its button; opening it changes nothing (mail scanners open links). */
export const handler = httpHandler(
  route,
  async ({ params, query }) => {
    const state = await grantLinkState(params.token, grantLinkDependencies);
    return html(200, grantLinkPage(state, params.token, query.lang ?? state.lang));
  },
  { renderError: unknownLinkAsPage },
);
