import { rejectedApplicationRetentionDays, verificationValidityDays } from '../domain/applications/application.js';
import { backupRetentionDays } from '../domain/data-subjects/holdings.js';
import { privacyNoticeVersion } from '../domain/organisations/reference-data.js';
import { escapeHtml } from '../email/escape.js';
import type { Language } from '../email/language.js';

const copy = {
  pl: {
    title: 'Informacja o przetwarzaniu danych osobowych',
    controller: 'Administrator danych',
    controllerText: 'Klaster Edukacyjny GLOKAL (Biuro Klastra).',
    purposes: 'Cele',
    purposesText:
      'Rozpatrzenie wniosku o członkostwo; po przyjęciu — obsługa członkostwa: kontakty organizacji, zaproszenia na wydarzenia, przypomnienia o naborach; informacje o działaniach Klastra tylko za zgodą.',
    basis: 'Podstawa prawna',
    basisText:
      'Art. 6 ust. 1 lit. b RODO (działania na wniosek przed przystąpieniem i członkostwo), art. 6 ust. 1 lit. a (zgoda na informacje, można ją wycofać w każdej chwili), art. 6 ust. 1 lit. f (rejestr działań administratorów systemu i obsługa żądań).',
    retention: 'Okres przechowywania',
    retentionText: `Niepotwierdzony wniosek jest usuwany po ${verificationValidityDays} dniach, odrzucony — ${rejectedApplicationRetentionDays} dni po decyzji; dane kontaktów członków — przez czas członkostwa lub do ich usunięcia. Kopie zapasowe przechowują usunięte dane do ${backupRetentionDays} dni.`,
    rights: 'Prawa',
    rightsText:
      'Dostęp do danych, ich sprostowanie, usunięcie, ograniczenie przetwarzania, przeniesienie, sprzeciw, wycofanie zgody oraz skarga do Prezesa Urzędu Ochrony Danych Osobowych.',
    contact: 'Kontakt',
    contactText: 'Biuro Klastra',
    version: 'Wersja informacji',
  },
  en: {
    title: 'How we process personal data',
    controller: 'Controller',
    controllerText: 'GLOKAL Education Cluster (the Cluster office).',
    purposes: 'Purposes',
    purposesText:
      'Reviewing the membership application; once admitted, running the membership: the organisation’s contacts, event invitations, funding call reminders; news of the Cluster’s work only with consent.',
    basis: 'Legal basis',
    basisText:
      'Art. 6(1)(b) GDPR (steps at your request before joining, and the membership), Art. 6(1)(a) (consent to news, which can be withdrawn at any time), Art. 6(1)(f) (the log of administrators’ actions and handling requests).',
    retention: 'Retention',
    retentionText: `An unconfirmed application is deleted after ${verificationValidityDays} days, a rejected one ${rejectedApplicationRetentionDays} days after the decision; members’ contact data for the membership or until removed. Backups keep erased data for up to ${backupRetentionDays} days.`,
    rights: 'Your rights',
    rightsText:
      'Access, rectification, erasure, restriction, portability, objection, withdrawing consent, and a complaint to the President of the Personal Data Protection Office (UODO).',
    contact: 'Contact',
    contactText: 'The Cluster office',
    version: 'Notice version',
  },
} as const;

/** The GDPR Art. 13 information shown on the application form, in the form's language; `contact` is the office's address. */
export function privacyNotice(lang: Language, contact?: string): string {
  const text = copy[lang];
  const address = contact ? ` <a href="mailto:${escapeHtml(contact)}">${escapeHtml(contact)}</a>` : '';
  const row = (term: string, description: string) => `<dt>${term}</dt><dd>${description}</dd>`;
  return `<section class="privacy-notice" aria-labelledby="privacy-notice-title"><h2 id="privacy-notice-title">${text.title}</h2><dl>
${row(text.controller, text.controllerText)}
${row(text.purposes, text.purposesText)}
${row(text.basis, text.basisText)}
${row(text.retention, text.retentionText)}
${row(text.rights, text.rightsText)}
${row(text.contact, `${text.contactText}${address}`)}
${row(text.version, privacyNoticeVersion)}
</dl></section>`;
}
