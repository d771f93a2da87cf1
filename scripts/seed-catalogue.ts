import type { Interest, OrganisationType } from '../shared/domain/organisations/reference-data.js';

/**
 * The words demo data is made of: Lower Silesian towns with their postcodes,
 * and name patterns per organisation type. Every organisation and person the
 * seed makes is invented from these; the towns and programmes are real.
 */
export const towns = [
  { city: 'Wrocław', postalCodes: ['50-138', '50-365', '51-628', '53-012', '54-129'], adjective: 'Wrocławska' },
  { city: 'Wałbrzych', postalCodes: ['58-300', '58-302', '58-304'], adjective: 'Wałbrzyska' },
  { city: 'Legnica', postalCodes: ['59-220', '59-222'], adjective: 'Legnicka' },
  { city: 'Jelenia Góra', postalCodes: ['58-500', '58-506'], adjective: 'Jeleniogórska' },
  { city: 'Świdnica', postalCodes: ['58-100', '58-105'], adjective: 'Świdnicka' },
  { city: 'Głogów', postalCodes: ['67-200'], adjective: 'Głogowska' },
  { city: 'Lubin', postalCodes: ['59-300'], adjective: 'Lubińska' },
  { city: 'Bolesławiec', postalCodes: ['59-700'], adjective: 'Bolesławiecka' },
  { city: 'Kłodzko', postalCodes: ['57-300'], adjective: 'Kłodzka' },
  { city: 'Zgorzelec', postalCodes: ['59-900'], adjective: 'Zgorzelecka' },
  { city: 'Oleśnica', postalCodes: ['56-400'], adjective: 'Oleśnicka' },
  { city: 'Dzierżoniów', postalCodes: ['58-200'], adjective: 'Dzierżoniowska' },
] as const;

export const streets = ['Piastowska', 'Szkolna', 'Kwiatowa', 'Wrocławska', 'Sudecka', 'Kościuszki', 'Mickiewicza', 'Przemysłowa', 'Długa', 'Ogrodowa', 'Lipowa', 'Kolejowa', 'Akademicka', 'Rzemieślnicza'];

export const patrons = ['Marii Skłodowskiej-Curie', 'Mikołaja Kopernika', 'Jana Pawła II', 'Tadeusza Kościuszki', 'Ignacego Łukasiewicza', 'Władysława Andersa', 'Janusza Korczaka', 'Polskich Noblistów'];
export const themes = ['Sudety', 'Odra', 'Karkonosze', 'Śnieżka', 'Kaczawa', 'Bóbr', 'Nysa', 'Ślęża'];
export const trades = ['Mechatroniki', 'Logistyki', 'Informatyki', 'Hotelarstwa', 'Energetyki', 'Automatyki', 'Gastronomii', 'Budownictwa'];
export const companyStems = ['Sudetix', 'Odrapol', 'Karkonet', 'Ślężan', 'Kaczmet', 'Bobrtech', 'Nysalab', 'Silesiana', 'Dolnotech', 'Piastmed'];
export const companySuffixes = ['sp. z o.o.', 'S.A.', 'sp. z o.o. sp.k.', 'sp.j.'];
export const villages = ['Zielonka Sudecka', 'Brzezinka Górna', 'Lipowa Dolina', 'Kamienica Nowa', 'Dębowa Kłodzka', 'Jaworzyna Mała', 'Olszyny Śląskie', 'Sosnowa Wola'];

export const firstNames = {
  female: ['Anna', 'Katarzyna', 'Magdalena', 'Agnieszka', 'Joanna', 'Ewa', 'Monika', 'Barbara', 'Natalia', 'Zofia', 'Aleksandra', 'Małgorzata'],
  male: ['Piotr', 'Tomasz', 'Paweł', 'Michał', 'Krzysztof', 'Marcin', 'Jakub', 'Andrzej', 'Łukasz', 'Grzegorz', 'Wojciech', 'Bartosz'],
};
export const lastNames = {
  female: ['Nowak', 'Kowalska', 'Wiśniewska', 'Wójcik', 'Kamińska', 'Lewandowska', 'Zielińska', 'Szymańska', 'Dąbrowska', 'Kozłowska', 'Jankowska', 'Mazur'],
  male: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur'],
};
export const roles = {
  pl: ['Dyrektor', 'Wicedyrektor', 'Koordynator projektów', 'Specjalista ds. funduszy UE', 'Kierownik kształcenia praktycznego', 'Sekretariat', 'Prezes zarządu', 'Pełnomocnik ds. współpracy'],
  en: ['International officer', 'Project manager', 'Erasmus+ coordinator', 'Head of partnerships'],
};

/** Organisation types with how often they occur among members and the interests they lean to. */
export const typeMix: Array<{ type: OrganisationType; weight: number; interests: Interest[] }> = [
  { type: 'school', weight: 30, interests: ['vocational_education', 'languages', 'it', 'green_skills'] },
  { type: 'university', weight: 5, interests: ['it', 'industry_4_0', 'healthcare', 'languages'] },
  { type: 'training_provider', weight: 10, interests: ['vocational_education', 'entrepreneurship', 'languages'] },
  { type: 'company', weight: 30, interests: ['industry_4_0', 'it', 'green_skills', 'tourism', 'entrepreneurship'] },
  { type: 'ngo', weight: 10, interests: ['entrepreneurship', 'green_skills', 'tourism', 'healthcare'] },
  { type: 'local_government', weight: 8, interests: ['tourism', 'green_skills', 'vocational_education'] },
  { type: 'chamber', weight: 4, interests: ['entrepreneurship', 'industry_4_0'] },
  { type: 'other', weight: 3, interests: ['it', 'tourism'] },
];

/** Funding calls with real programme names; identifiers and titles as the programmes phrase them, deadlines set relative to the seeding day. */
export const fundingCalls = [
  { programme: 'Erasmus+', callIdentifier: 'KA220-VET', title: { pl: 'Partnerstwa współpracy w kształceniu zawodowym', en: 'Cooperation partnerships in vocational education and training' }, url: 'https://erasmus-plus.ec.europa.eu/', daysAhead: 45, audience: { scope: 'segment', memberTypes: ['school', 'training_provider'], interests: [] } },
  { programme: 'Erasmus+', callIdentifier: 'KA122-SCH', title: { pl: 'Krótkoterminowe projekty mobilności w edukacji szkolnej', en: 'Short-term mobility projects in school education' }, url: 'https://erasmus-plus.ec.europa.eu/', daysAhead: 75, audience: { scope: 'segment', memberTypes: ['school'], interests: [] } },
  { programme: 'Interreg Central Europe', callIdentifier: 'CE-4th-call', title: { pl: 'Czwarty nabór projektów', en: 'Fourth call for proposals' }, url: 'https://www.interreg-central.eu/', daysAhead: 60, audience: { scope: 'segment', memberTypes: [], interests: ['green_skills', 'industry_4_0'] } },
  { programme: 'FEnIKS', callIdentifier: 'FENX.01.01-IW.01-001', title: { pl: 'Efektywność energetyczna budynków publicznych', en: 'Energy efficiency of public buildings' }, url: 'https://www.feniks.gov.pl/', daysAhead: 90, audience: { scope: 'segment', memberTypes: ['local_government', 'school', 'university'], interests: [] } },
  { programme: 'Fundusze Europejskie dla Dolnego Śląska', callIdentifier: 'FEDS.07.03-IP.01-001', title: { pl: 'Kształcenie zawodowe dostosowane do potrzeb rynku pracy', en: 'Vocational education matched to the labour market' }, url: 'https://funduszeue.dolnyslask.pl/', daysAhead: 30, audience: { scope: 'segment', memberTypes: [], interests: ['vocational_education'] } },
  { programme: 'Fundusze Europejskie dla Dolnego Śląska', callIdentifier: 'FEDS.01.02-IZ.00-002', title: { pl: 'Rozwój innowacyjności przedsiębiorstw', en: 'Innovation in enterprises' }, url: 'https://funduszeue.dolnyslask.pl/', daysAhead: 120, audience: { scope: 'segment', memberTypes: ['company'], interests: [] } },
  { programme: 'Interreg Polska – Saksonia', callIdentifier: 'PL-SN-2027-1', title: { pl: 'Nabór na projekty transgraniczne', en: 'Call for cross-border projects' }, url: 'https://plsn.eu/', daysAhead: 100, audience: { scope: 'all' } },
] as const;

/** Events with invented titles in real towns. */
export const events = [
  {
    title: { pl: 'Forum Kształcenia Zawodowego Dolnego Śląska', en: 'Lower Silesian Vocational Education Forum' },
    description: { pl: 'Panele szkół i pracodawców, stoiska partnerów, warsztaty o praktykach zawodowych.', en: 'Panels of schools and employers, partner stands, workshops on work placements.' },
    type: 'conference',
    daysAhead: 40,
    hours: [10, 16],
    venue: 'Centrum Konferencyjne, ul. Wystawowa 1, Wrocław',
    capacity: 180,
    audience: { scope: 'all' },
  },
  {
    title: { pl: 'Dzień Współpracy Szkół i Firm', en: 'Schools and Companies Cooperation Day' },
    description: { pl: 'Spotkania szkół zawodowych z firmami regionu: praktyki, staże, klasy patronackie.', en: 'Vocational schools meet the region’s companies: placements, internships, sponsored classes.' },
    type: 'meeting',
    daysAhead: 55,
    hours: [9, 14],
    venue: 'Stara Kopalnia, ul. Piastów Śląskich 1, Wałbrzych',
    capacity: 80,
    seatLimitPerMember: 3,
    audience: { scope: 'segment', memberTypes: ['school', 'company', 'training_provider'], interests: [] },
  },
  {
    title: { pl: 'Warsztaty: jak napisać wniosek Erasmus+', en: 'Workshop: writing an Erasmus+ application' },
    description: { pl: 'Praktyczne warsztaty online z przygotowania wniosku KA220 i KA122.', en: 'A hands-on online workshop on preparing KA220 and KA122 applications.' },
    type: 'workshop',
    daysAhead: 20,
    hours: [12, 14],
    onlineUrl: 'https://meet.glokal.example/erasmus-warsztaty',
    capacity: 60,
    audience: { scope: 'segment', memberTypes: [], interests: ['vocational_education', 'languages'] },
  },
] as const;
