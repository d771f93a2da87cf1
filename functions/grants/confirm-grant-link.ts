import { grantLinkDependencies } from '../../shared/composition/grant-links.js';
import { confirmGrantLink as route } from '../../shared/contracts/grant-links.js';
import { confirmGrantLink } from '../../shared/domain/grants/opt-out-links.js';
import { httpHandler } from '../../shared/http/handler.js';
import { html } from '../../shared/http/responses.js';
import { grantLinkPage } from '../../shared/pages/grant-link-page.js';
import { unknownLinkAsPage } from '../../shared/pages/unknown-link-error.js';

/** The page's button: the call marked "not relevant" for the address, or every grant reminder stopped. */
export const handler = httpHandler(
  route,
  async ({ params, query }) => {
    const state = await confirmGrantLink(params.token, grantLinkDependencies);
    return html(200, grantLinkPage(state, params.token, query.lang ?? state.lang));
  },
  { renderError: unknownLinkAsPage },
);
