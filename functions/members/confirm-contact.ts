import { memberDependencies } from '../../shared/composition/members.js';
import { confirmContact as route } from '../../shared/contracts/members.js';
import { confirmContact } from '../../shared/domain/members/confirm-contact.js';
import { httpHandler } from '../../shared/http/handler.js';
import { confirmationAnswer } from '../../shared/pages/contact-confirmation-pages.js';

/** The confirmation page's button. Always a page, never an error dump. */
export const handler = httpHandler(route, async ({ params }) => confirmationAnswer(await confirmContact(params.token, memberDependencies)));
