import { dataSubjectDependencies } from '../../shared/composition/data-subjects.js';
import { exportContactData } from '../../shared/contracts/data-subjects.js';
import { exportAddress } from '../../shared/domain/data-subjects/export-address.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

/** Everything held about the address in the path (decoded and lower-cased by the contract); audited by its keyed hash. */
export const handler = httpHandler(exportContactData, async ({ params }, { principal }) => json(200, await exportAddress(params.email, principal!, dataSubjectDependencies)));
