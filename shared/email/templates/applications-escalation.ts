import { button, list, paragraph } from '../blocks.js';
import { formatDate, workingDaysPhrase } from '../language.js';
import { defineTemplate } from '../template.js';

export const applicationsEscalation = defineTemplate('applications-escalation', {
  render: (data, lang) => {
    const pl = lang === 'pl';
    const count = data.applications.length;
    return {
      subject: pl ? `Wnioski czekające na decyzję: ${count}` : `Applications waiting for a decision: ${count}`,
      greeting: pl ? 'Dzień dobry,' : 'Hello,',
      blocks: [
        paragraph(pl ? 'Te wnioski czekają na decyzję dłużej niż 3 dni robocze:' : 'These applications have waited for a decision for more than 3 working days:'),
        list(
          data.applications.map((application) =>
            pl
              ? `${application.organisationName} – złożony ${formatDate(application.submittedAt, lang)}, czeka ${workingDaysPhrase(application.workingDaysWaiting, lang)}`
              : `${application.organisationName} – submitted ${formatDate(application.submittedAt, lang)}, waiting ${workingDaysPhrase(application.workingDaysWaiting, lang)}`,
          ),
        ),
        button(pl ? 'Lista wniosków' : 'Applications', data.adminUrl),
      ],
    };
  },
  sample: {
    applications: [
      { applicationId: 'a1', organisationName: 'Gmina Miejska Bolesławiec', submittedAt: '2026-11-20T08:00:00.000Z', workingDaysWaiting: 6 },
      { applicationId: 'a2', organisationName: 'Politechnika Wrocławska', submittedAt: '2026-11-23T12:00:00.000Z', workingDaysWaiting: 4 },
    ],
    adminUrl: 'http://localhost:3000/admin/applications?status=SUBMITTED',
  },
});
