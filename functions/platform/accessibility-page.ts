import { accessibilityContact } from '../../shared/composition/accessibility.js';
import { accessibilityStatement } from '../../shared/contracts/platform.js';
import { httpHandler } from '../../shared/http/handler.js';
import { html } from '../../shared/http/responses.js';
import { accessibilityStatementPage } from '../../shared/pages/accessibility-statement.js';

export const handler = httpHandler(accessibilityStatement, async ({ query }) => html(200, accessibilityStatementPage(query.lang ?? 'pl', accessibilityContact.officeAddress)));
