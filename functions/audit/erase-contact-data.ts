import { dataSubjectDependencies } from '../../shared/composition/data-subjects.js';
import { eraseContactData } from '../../shared/contracts/data-subjects.js';
import { eraseAddress } from '../../shared/domain/data-subjects/erase-address.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

/** Erases the address in the path everywhere; the answer names it by its keyed hash only. */
export const handler = httpHandler(eraseContactData, async ({ params }, { principal }) => json(200, await eraseAddress(params.email, principal!, dataSubjectDependencies)));
