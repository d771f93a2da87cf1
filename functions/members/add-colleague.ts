import { memberDependencies } from '../../shared/composition/members.js';
import { addColleague as route, colleagueInput } from '../../shared/contracts/members.js';
import { ConflictError, ValidationError } from '../../shared/domain/errors.js';
import { addColleague, colleagueAccess } from '../../shared/domain/members/colleagues.js';
import { httpHandler } from '../../shared/http/handler.js';
import { isFormPost } from '../../shared/http/request-input.js';
import { html } from '../../shared/http/responses.js';
import { validatePart } from '../../shared/http/validation.js';
import { colleagueRefusal, colleaguesFormPage, localiseColleagueErrors } from '../../shared/pages/colleagues-page.js';

/**
 * The colleague form's submit. The link is checked first, then the fields:
 * a person's browser gets the form back with each error at its field (a
 * program, the JSON error); a good one adds the colleague, unconfirmed, and
 * sends the confirmation link.
 */
export const handler = httpHandler(route, async ({ params, query, body }, { event }) => {
  const access = await colleagueAccess(params.token, memberDependencies);
  if (access.outcome !== 'allowed') return colleagueRefusal(access, query.lang);
  const lang = query.lang ?? access.lang;
  const form = { lang, token: params.token, memberships: access.memberships, values: body };
  try {
    const input = validatePart(colleagueInput, body, 'body');
    const outcome = await addColleague(params.token, input, memberDependencies);
    if (outcome.outcome !== 'added') return colleagueRefusal(outcome, query.lang);
    return html(200, colleaguesFormPage({ ...form, memberships: outcome.memberships, added: input.email }));
  } catch (error) {
    const refusal = error instanceof ValidationError ? { status: 400 } : error instanceof ConflictError && error.fields ? { status: 409, code: error.code } : undefined;
    if (!refusal || !isFormPost(event)) throw error;
    return html(refusal.status, colleaguesFormPage({ ...form, errors: localiseColleagueErrors((error as ValidationError | ConflictError).fields ?? [], lang, refusal.code) }));
  }
});
