import { greetingFor, paragraph } from '../blocks.js';
import { defineTemplate } from '../template.js';

export const applicationRejected = defineTemplate('application-rejected', {
  render: (data, lang) =>
    lang === 'pl'
      ? {
          subject: 'Decyzja w sprawie wniosku o członkostwo w Klastrze GLOKAL',
          greeting: greetingFor(data.contactName, lang),
          blocks: [
            paragraph(`Dziękujemy za zainteresowanie Klastrem. Po rozpatrzeniu wniosku organizacji ${data.organisationName} nie możemy go tym razem przyjąć.`),
            paragraph(`Uzasadnienie: ${data.reason}`),
            paragraph('W razie pytań odpowiedz na tę wiadomość. Zapraszamy do ponownego złożenia wniosku w przyszłości.'),
          ],
        }
      : {
          subject: 'Decision on your GLOKAL Cluster membership application',
          greeting: greetingFor(data.contactName, lang),
          blocks: [
            paragraph(`Thank you for your interest in the Cluster. Having reviewed the application of ${data.organisationName}, we cannot accept it this time.`),
            paragraph(`Reason: ${data.reason}`),
            paragraph('If you have questions, reply to this message. You are welcome to apply again in the future.'),
          ],
        },
  sample: { contactName: 'John Smith', organisationName: 'Example Training Ltd', reason: 'The statute requires a registered office or activity in Poland or a partner country.' },
});
