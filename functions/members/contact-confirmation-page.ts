import { memberDependencies } from '../../shared/composition/members.js';
import { contactConfirmationPage as route } from '../../shared/contracts/members.js';
import { confirmationState } from '../../shared/domain/members/confirm-contact.js';
import { httpHandler } from '../../shared/http/handler.js';
import { confirmationAnswer } from '../../shared/pages/contact-confirmation-pages.js';

/** The link in a confirmation email: shows where the address stands; only the page's button confirms. */
export const handler = httpHandler(route, async ({ params }) => confirmationAnswer(await confirmationState(params.token, memberDependencies), params.token));
