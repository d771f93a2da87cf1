import { memberDependencies } from '../../shared/composition/members.js';
import { colleaguesPage as route } from '../../shared/contracts/members.js';
import { colleagueAccess } from '../../shared/domain/members/colleagues.js';
import { httpHandler } from '../../shared/http/handler.js';
import { html } from '../../shared/http/responses.js';
import { colleagueRefusal, colleaguesFormPage } from '../../shared/pages/colleagues-page.js';

/** The link from the welcome email (or the notification settings page): the form, if the link's address is a primary contact. Changes nothing. */
export const handler = httpHandler(route, async ({ params, query }) => {
  const access = await colleagueAccess(params.token, memberDependencies);
  if (access.outcome !== 'allowed') return colleagueRefusal(access, query.lang);
  return html(200, colleaguesFormPage({ lang: query.lang ?? access.lang, token: params.token, memberships: access.memberships }));
});
