import type { Language } from '../language.js';

type Labelled = Record<Language, string>;

export const organisationTypes = {
  school: { pl: 'Szkoła', en: 'School' },
  university: { pl: 'Uczelnia', en: 'University' },
  training_provider: { pl: 'Instytucja szkoleniowa', en: 'Training provider' },
  company: { pl: 'Przedsiębiorstwo', en: 'Company' },
  ngo: { pl: 'Organizacja pozarządowa', en: 'NGO' },
  local_government: { pl: 'Jednostka samorządu terytorialnego', en: 'Local government' },
  chamber: { pl: 'Izba gospodarcza', en: 'Chamber of commerce' },
  other: { pl: 'Inna', en: 'Other' },
} satisfies Record<string, Labelled>;
export type OrganisationType = keyof typeof organisationTypes;
export const organisationTypeCodes = Object.keys(organisationTypes) as [OrganisationType, ...OrganisationType[]];

export const voivodeships = {
  dolnoslaskie: 'dolnośląskie',
  'kujawsko-pomorskie': 'kujawsko-pomorskie',
  lubelskie: 'lubelskie',
  lubuskie: 'lubuskie',
  lodzkie: 'łódzkie',
  malopolskie: 'małopolskie',
  mazowieckie: 'mazowieckie',
  opolskie: 'opolskie',
  podkarpackie: 'podkarpackie',
  podlaskie: 'podlaskie',
  pomorskie: 'pomorskie',
  slaskie: 'śląskie',
  swietokrzyskie: 'świętokrzyskie',
  'warminsko-mazurskie': 'warmińsko-mazurskie',
  wielkopolskie: 'wielkopolskie',
  zachodniopomorskie: 'zachodniopomorskie',
} as const;
export type Voivodeship = keyof typeof voivodeships;
export const voivodeshipCodes = Object.keys(voivodeships) as [Voivodeship, ...Voivodeship[]];

/**
 * The cluster's specialisations. Events and grant calls target members by
 * these codes. The list is code-defined for now; making it editable by
 * administrators moves it into the table without changing the codes.
 */
export const interests = {
  it: { pl: 'IT i cyfryzacja', en: 'IT and digitalisation' },
  industry_4_0: { pl: 'Przemysł 4.0', en: 'Industry 4.0' },
  tourism: { pl: 'Turystyka', en: 'Tourism' },
  healthcare: { pl: 'Ochrona zdrowia', en: 'Healthcare' },
  green_skills: { pl: 'Zielone kompetencje', en: 'Green skills' },
  vocational_education: { pl: 'Kształcenie zawodowe', en: 'Vocational education' },
  languages: { pl: 'Języki obce', en: 'Languages' },
  entrepreneurship: { pl: 'Przedsiębiorczość', en: 'Entrepreneurship' },
} satisfies Record<string, Labelled>;
export type Interest = keyof typeof interests;
export const interestCodes = Object.keys(interests) as [Interest, ...Interest[]];

/** Countries offered in the form; any ISO 3166-1 alpha-2 code is accepted by the API. */
export const formCountries: Array<[code: string, label: Labelled]> = [
  ['PL', { pl: 'Polska', en: 'Poland' }],
  ['DE', { pl: 'Niemcy', en: 'Germany' }],
  ['CZ', { pl: 'Czechy', en: 'Czechia' }],
  ['SK', { pl: 'Słowacja', en: 'Slovakia' }],
  ['UA', { pl: 'Ukraina', en: 'Ukraine' }],
  ['LT', { pl: 'Litwa', en: 'Lithuania' }],
  ['AT', { pl: 'Austria', en: 'Austria' }],
  ['HU', { pl: 'Węgry', en: 'Hungary' }],
  ['IT', { pl: 'Włochy', en: 'Italy' }],
  ['ES', { pl: 'Hiszpania', en: 'Spain' }],
  ['FR', { pl: 'Francja', en: 'France' }],
  ['PT', { pl: 'Portugalia', en: 'Portugal' }],
  ['GR', { pl: 'Grecja', en: 'Greece' }],
  ['NL', { pl: 'Holandia', en: 'Netherlands' }],
  ['BE', { pl: 'Belgia', en: 'Belgium' }],
  ['IE', { pl: 'Irlandia', en: 'Ireland' }],
];

/** Version of the consent texts shown in the form; stored with every consent. */
export const consentTextVersion = '2026-11';

/** Version of the information notice (GDPR Art. 13) shown beside the consents; stored with every consent as `noticeVersion`. */
export const privacyNoticeVersion = '2026-11-29';
