import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { config } from '../../shared/config.js';
import { uniqueEmail } from './mailbox.js';

/** A random NIP with a valid checksum, so tests never collide on the organisation lock. */
export function validNip(): string {
  for (;;) {
    const digits = Array.from({ length: 9 }, (_, index) => (index === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10)));
    const check = [6, 5, 7, 2, 3, 4, 5, 6, 7].reduce((sum, weight, index) => sum + weight * digits[index]!, 0) % 11;
    if (check !== 10) return [...digits, check].join('');
  }
}

export function applicationBody(overrides: { nip?: string; email?: string; name?: string; language?: 'pl' | 'en'; interests?: string[]; type?: string } = {}) {
  return {
    organisation: {
      name: overrides.name ?? `Zespół Szkół nr ${Math.floor(Math.random() * 100000)}`,
      type: overrides.type ?? 'school',
      country: 'PL',
      nip: overrides.nip ?? validNip(),
      regon: '',
      address: { street: 'ul. Kuźnicza 10', postalCode: '50-138', city: 'Wrocław', voivodeship: 'dolnoslaskie' },
      website: 'https://szkola.example.pl',
    },
    contact: { name: 'Anna Kowalska', email: overrides.email ?? uniqueEmail('applicant'), phone: '+48 71 123 45 67', role: 'Dyrektor' },
    interests: overrides.interests ?? ['it', 'vocational_education'],
    language: overrides.language ?? 'pl',
    consents: { statute: true, dataProcessing: true, marketing: false },
  };
}

/** The same application as an HTML form would post it. */
export function asForm(body: ReturnType<typeof applicationBody>): Record<string, string | string[]> {
  const { organisation, contact } = body;
  return {
    'organisation.name': organisation.name,
    'organisation.type': organisation.type,
    'organisation.country': organisation.country,
    'organisation.nip': organisation.nip,
    'organisation.address.street': organisation.address.street,
    'organisation.address.postalCode': organisation.address.postalCode,
    'organisation.address.city': organisation.address.city,
    'organisation.address.voivodeship': organisation.address.voivodeship,
    'contact.name': contact.name,
    'contact.email': contact.email,
    'contact.phone': contact.phone,
    'contact.role': contact.role,
    interests: body.interests,
    language: body.language,
    'consents.statute': 'on',
    'consents.dataProcessing': 'on',
    homepage: '',
  };
}

export async function item(key: { pk: string; sk: string }) {
  return (await documentClient.send(new GetCommand({ TableName: config.TABLE_NAME, Key: key, ConsistentRead: true }))).Item;
}

export async function partition(pk: string) {
  return (await documentClient.send(new QueryCommand({ TableName: config.TABLE_NAME, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }))).Items ?? [];
}

export function verifyLink(text: string | undefined): string {
  const match = /\/applications\/verify\?token=([\w-]+)/.exec(text ?? '');
  if (!match) throw new Error('no verification link in the email');
  return `/applications/verify?token=${match[1]}`;
}

/** The token of a verification link, as the confirmation page's form posts it. */
export function verifyToken(link: string): string {
  return new URL(link, 'http://localhost').searchParams.get('token')!;
}
