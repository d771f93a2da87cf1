import { getHealth } from '../../shared/contracts/platform.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(getHealth, async () => json(200, { status: 'ok' }));
