import { button, details, paragraph } from '../blocks.js';
import { formatDateTime } from '../language.js';
import { defineTemplate } from '../template.js';

export const applicationReceivedAdmin = defineTemplate('application-received-admin', {
  render: (data, lang) => {
    const pl = lang === 'pl';
    return {
      subject: pl ? `Nowy wniosek o członkostwo: ${data.organisationName}` : `New membership application: ${data.organisationName}`,
      greeting: pl ? 'Dzień dobry,' : 'Hello,',
      blocks: [
        paragraph(pl ? 'Wnioskodawca potwierdził adres e-mail; wniosek czeka na decyzję.' : 'The applicant confirmed their email; the application awaits a decision.'),
        details([
          [pl ? 'Organizacja' : 'Organisation', data.organisationName],
          [pl ? 'Typ' : 'Type', data.organisationType],
          [pl ? 'Kraj' : 'Country', data.country],
          [pl ? 'Złożony' : 'Submitted', formatDateTime(data.submittedAt, lang)],
          [pl ? 'Identyfikator' : 'Id', data.applicationId],
        ]),
        button(pl ? 'Otwórz wniosek' : 'Open the application', data.adminUrl),
      ],
    };
  },
  sample: {
    applicationId: '6f1d2c3b-0000-4000-8000-000000000001',
    organisationName: 'Fundacja Semper Avanti',
    organisationType: 'ngo',
    country: 'PL',
    submittedAt: '2026-11-28T09:30:00.000Z',
    adminUrl: 'http://localhost:3000/admin/applications/6f1d2c3b-0000-4000-8000-000000000001',
  },
});
