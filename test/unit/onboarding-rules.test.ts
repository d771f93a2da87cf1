import { describe, expect, it } from 'vitest';
import { isValidKrs, isValidNip, isValidRegon, normaliseNip } from '../../shared/domain/organisations/identifiers.js';
import { isWorkingDay, polishHolidays, workingDaysBetween } from '../../shared/domain/calendar/working-days.js';
import { workingDaysPhrase } from '../../shared/email/language.js';
import { organisationIdentity } from '../../shared/domain/applications/application.js';
import { submitApplicationBody } from '../../shared/contracts/application-input.js';

describe('Polish identifiers', () => {
  it('checks the NIP checksum, ignoring PL prefixes, spaces and dashes', () => {
    expect(isValidNip('5260001246')).toBe(true);
    expect(isValidNip('PL 526-000-12-46')).toBe(true);
    expect(normaliseNip('PL 526-000-12-46')).toBe('5260001246');
    expect(isValidNip('5260001247')).toBe(false);
    expect(isValidNip('526000124')).toBe(false);
    expect(isValidNip('abcdefghij')).toBe(false);
  });

  it('checks REGON of 9 and 14 digits, and KRS length', () => {
    expect(isValidRegon('123456785')).toBe(true);
    expect(isValidRegon('123456786')).toBe(false);
    expect(isValidRegon('12345678512347')).toBe(true);
    expect(isValidRegon('12345678512348')).toBe(false);
    expect(isValidKrs('0000123456')).toBe(true);
    expect(isValidKrs('123')).toBe(false);
  });

  it('identifies one organisation by NIP in Poland and by country and registry number elsewhere', () => {
    const base = { name: 'X', type: 'company', address: { street: 's', postalCode: 'p', city: 'c' } } as never as Parameters<typeof organisationIdentity>[0];
    expect(organisationIdentity({ ...base, country: 'PL', nip: '5260001246' })).toBe('PL-NIP-5260001246');
    expect(organisationIdentity({ ...base, country: 'DE', registryNumber: 'de 123 456-789' })).toBe('DE-REG-DE123456789');
  });
});

describe('application input', () => {
  it('drops Polish-only fields of a foreign organisation and lower-cases the email', () => {
    const parsed = submitApplicationBody.parse({
      organisation: { name: 'Firma GmbH', type: 'company', country: 'de', nip: '5260001246', registryNumber: 'HRB 1234', address: { street: 'Str 1', postalCode: '01067', city: 'Dresden', voivodeship: 'dolnoslaskie' } },
      contact: { name: 'Jan', email: 'Jan@Firma.DE', phone: '+49 351 123456', role: 'CEO' },
      interests: ['it'],
      consents: { statute: true, dataProcessing: true },
    });
    expect(parsed.organisation).toMatchObject({ country: 'DE', nip: undefined, registryNumber: 'HRB 1234', address: { voivodeship: undefined } });
    expect(parsed.contact.email).toBe('jan@firma.de');
    expect(parsed.language).toBe('pl');
  });
});

describe('working days', () => {
  it('knows the Polish public holidays, movable ones and Christmas Eve included', () => {
    const holidays = polishHolidays(2027);
    for (const day of ['2027-01-01', '2027-01-06', '2027-03-28', '2027-03-29', '2027-05-16', '2027-05-27', '2027-11-11', '2027-12-24']) expect(holidays.has(day)).toBe(true);
    expect(isWorkingDay('2027-03-29')).toBe(false);
    expect(isWorkingDay('2027-03-30')).toBe(true);
    expect(isWorkingDay('2027-03-06')).toBe(false);
  });

  it('counts working days after the start, up to and including the end', () => {
    expect(workingDaysBetween('2027-03-01', '2027-03-04')).toBe(3);
    expect(workingDaysBetween('2027-03-01', '2027-03-05')).toBe(4);
    expect(workingDaysBetween('2027-03-05', '2027-03-08')).toBe(1);
    expect(workingDaysBetween('2027-12-23', '2027-12-28')).toBe(2);
  });

  it('phrases the count in correct Polish and English', () => {
    expect(['1', '2', '4', '5', '12', '22'].map((n) => workingDaysPhrase(Number(n), 'pl'))).toEqual([
      '1 dzień roboczy', '2 dni robocze', '4 dni robocze', '5 dni roboczych', '12 dni roboczych', '22 dni robocze',
    ]);
    expect(workingDaysPhrase(1, 'en')).toBe('1 working day');
  });
});
