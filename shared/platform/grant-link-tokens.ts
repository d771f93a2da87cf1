import { createHmac } from 'node:crypto';

/**
 * The tokens of a reminder digest's links: HMACs of the address (and call)
 * under the link-signing key, so the same address and call always get the
 * same link and a rerun of a day writes the same link items. 192 bits,
 * base64url, no personal data; the purpose label keeps each single-purpose.
 */
export function grantNotRelevantToken(key: string, normalisedEmail: string, callId: string): string {
  return createHmac('sha256', key).update(`grant-not-relevant\n${normalisedEmail}\n${callId}`).digest().subarray(0, 24).toString('base64url');
}

export function grantStopToken(key: string, normalisedEmail: string): string {
  return createHmac('sha256', key).update(`grant-stop\n${normalisedEmail}`).digest().subarray(0, 24).toString('base64url');
}

/** A contact's deadline calendar feed: of the contact's id, never its address. */
export function grantCalendarToken(key: string, contactId: string): string {
  return createHmac('sha256', key).update(`grant-calendar\n${contactId}`).digest().subarray(0, 24).toString('base64url');
}
