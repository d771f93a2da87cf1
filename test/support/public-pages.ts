import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { recipientRepository } from '../../shared/adapters/dynamo/recipient-repository.js';
import { applicationDependencies } from '../../shared/composition/applications.js';
import { memberDependencies } from '../../shared/composition/members.js';
import { config } from '../../shared/config.js';
import { submitApplicationBody } from '../../shared/contracts/application-input.js';
import { approveApplication } from '../../shared/domain/applications/decide-application.js';
import { submitApplication } from '../../shared/domain/applications/submit-application.js';
import { addContact } from '../../shared/domain/members/upkeep.js';
import type { Language } from '../../shared/email/language.js';
import { fixedClock } from '../../shared/platform/clock.js';
import { invite, invitee, scheduledEvent } from './invitations.js';
import type { Answer, CallOptions } from './local-api.js';
import { uniqueEmail, waitForEmails } from './mailbox.js';
import { approvedMember, confirmationLink, linkIn } from './members.js';
import { applicationBody, asForm, verifyLink, verifyToken } from './organisations.js';

type Call = (method: string, path: string, options?: CallOptions) => Promise<Answer>;

/** How a browser reaches a page: a GET of the path, or (with `form`) the POST its page's button sends. */
export interface PageRequest {
  path: string;
  form?: Record<string, string | string[]>;
}

const browserAccept = { accept: 'text/html,application/xhtml+xml' };
const office = { subject: 'sub-a11y-suite', email: 'admin@glokal.localhost' };
const daysAgo = (days: number) => fixedClock(new Date(Date.now() - days * 86_400_000));
const madeUpToken = 'made-up-token-that-never-existed';

/** Builds one thing once per language: states of one kind share their member or event. */
function oncePerLanguage<T>(build: (lang: Language) => Promise<T>): (lang: Language) => Promise<T> {
  const built = new Map<Language, Promise<T>>();
  return (lang) => {
    if (!built.has(lang)) built.set(lang, build(lang));
    return built.get(lang)!;
  };
}

/** Runs changes one after another: states run concurrently, and two changes to one member at once would meet its optimistic lock (409). */
function oneAtATime() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * Real data for every public page state, made through the real handlers and
 * use cases (an application, a member, an event with invitations…): each
 * builder returns what a person's browser would request to see that state.
 */
export function publicPageFixtures(call: Call) {
  async function verificationLinkOf(email: string): Promise<string> {
    const [verification] = await waitForEmails(email, 1, 10_000, (sent) => sent.body.text?.includes('/applications/verify') ?? false);
    return verifyLink(verification?.body.text);
  }

  async function pendingApplication(lang: Language) {
    const body = applicationBody({ language: lang });
    expect((await call('POST', '/applications', { json: body })).status).toBe(202);
    return { body, link: await verificationLinkOf(body.contact.email) };
  }

  const member = oncePerLanguage((lang) => approvedMember(call, { language: lang }));
  /** The colleague form's own member: its states add colleagues through the browser, outside `memberChange`. */
  const colleaguesMember = oncePerLanguage((lang) => approvedMember(call, { language: lang }));
  const memberChange = oneAtATime();

  /** A contact the office added to the language's member, not yet confirmed: its confirmation link and id. */
  async function unconfirmedContact(lang: Language) {
    const { memberId } = await member(lang);
    const email = uniqueEmail(`a11y-contact-${lang}`);
    const added = await memberChange(() => call('POST', `/admin/members/${memberId}/contacts`, { role: 'admin', json: { name: 'Tomasz Nowak', email, role: 'Koordynator projektów', language: lang } }));
    expect(added.status, added.text).toBe(201);
    return { memberId, contactId: added.json.contactId as string, link: await confirmationLink(email) };
  }

  /** An invitation to a fresh invitee speaking `lang`: the path of their RSVP link. */
  async function rsvpLink(eventId: string, lang: Language): Promise<string> {
    const id = `a11y-${Math.random().toString(36).slice(2, 10)}`;
    const tokens = await invite(eventId, [invitee(id, { email: uniqueEmail(id), language: lang })]);
    return `/rsvp/${tokens.get(id)}`;
  }

  const openEvent = oncePerLanguage(() => scheduledEvent(call));
  /** One seat, taken: the next accept is waitlisted. */
  const fullEvent = oncePerLanguage(async (lang) => {
    const eventId = await scheduledEvent(call, { capacity: 1, seatLimitPerMember: 1 });
    expect((await call('POST', await rsvpLink(eventId, lang), { form: { response: 'accept' } })).status).toBe(200);
    return eventId;
  });
  const eventPastDeadline = oncePerLanguage(async () => {
    const eventId = await scheduledEvent(call);
    // The admin API refuses a deadline in the past, so the stored event is moved, as time would move it.
    await documentClient.send(
      new UpdateCommand({ TableName: config.TABLE_NAME, Key: { pk: `EVENT#${eventId}`, sk: 'EVENT' }, UpdateExpression: 'SET rsvpDeadlineAt = :past', ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00.000Z' } }),
    );
    return eventId;
  });
  const cancelledEvent = oncePerLanguage(async () => {
    const eventId = await scheduledEvent(call);
    expect((await call('POST', `/admin/events/${eventId}/cancel`, { role: 'admin', json: {} })).status).toBe(200);
    return eventId;
  });

  return {
    madeUpToken,

    /** A fresh, valid application as the form posts it, in the page's language. */
    applicationForm: (lang: Language) => ({ ...asForm(applicationBody({ language: lang })), formLanguage: lang }),

    /** An application sent once with an idempotency key: the key, for a second, different send. */
    async sentApplicationKey(lang: Language): Promise<string> {
      const key = `a11y-${Math.random().toString(36).slice(2, 12)}`;
      expect((await call('POST', '/applications', { form: { ...asForm(applicationBody({ language: lang })), idempotencyKey: key, formLanguage: lang }, headers: browserAccept })).status).toBe(303);
      return key;
    },

    async pendingVerification(lang: Language): Promise<string> {
      return (await pendingApplication(lang)).link;
    },

    /** A verification link already pressed. */
    async usedVerification(lang: Language): Promise<string> {
      const { link } = await pendingApplication(lang);
      expect((await call('POST', '/applications/verify', { form: { token: verifyToken(link) } })).status).toBe(200);
      return link;
    },

    async decidedVerification(lang: Language): Promise<string> {
      return verificationLinkOf((await member(lang)).email);
    },

    /** A link older than 7 days, its unconfirmed application gone. */
    async expiredVerification(lang: Language): Promise<string> {
      const body = applicationBody({ language: lang });
      await submitApplication(submitApplicationBody.parse(body), undefined, { ...applicationDependencies, clock: daysAgo(8) });
      return verificationLinkOf(body.contact.email);
    },

    /** The primary contact's add-colleagues link from the welcome email. */
    async colleaguesLink(lang: Language): Promise<string> {
      return (await colleaguesMember(lang)).colleaguesLink;
    },

    /** A welcome link older than its 30 days. */
    async expiredColleaguesLink(lang: Language): Promise<string> {
      const body = applicationBody({ language: lang });
      const submitted = await call('POST', '/applications', { json: body });
      await call('POST', '/applications/verify', { form: { token: verifyToken(await verificationLinkOf(body.contact.email)) } });
      await approveApplication(submitted.json.applicationId, office, { ...applicationDependencies, clock: daysAgo(31) });
      const [welcome] = await waitForEmails(body.contact.email, 1, 10_000, (email) => email.body.text?.includes('/colleagues/') ?? false);
      return linkIn(welcome, '/colleagues/');
    },

    /** The settings link of an address that is no member's primary contact. */
    async preferencesPath(lang: Language): Promise<string> {
      return `/unsubscribe/${await recipientRepository.preferencesToken(uniqueEmail(`a11y-prefs-${lang}`), lang)}`;
    },

    /** The add-colleagues link of an address that is no member's primary contact, as its settings page links it. */
    async notPrimaryColleaguesLink(lang: Language): Promise<string> {
      const settings = await call('GET', `${await this.preferencesPath(lang)}?lang=${lang}`);
      const link = /href="(\/colleagues\/[^"?]+)/.exec(settings.text)?.[1];
      if (!link) throw new Error('no colleagues link on the settings page');
      return link;
    },

    async pendingContactConfirmation(lang: Language): Promise<string> {
      return (await unconfirmedContact(lang)).link;
    },

    async usedContactConfirmation(lang: Language): Promise<string> {
      const { link } = await unconfirmedContact(lang);
      expect((await memberChange(() => call('POST', link, { form: {} }))).status).toBe(200);
      return link;
    },

    async expiredContactConfirmation(lang: Language): Promise<string> {
      const { memberId } = await member(lang);
      const email = uniqueEmail(`a11y-late-${lang}`);
      await memberChange(() => addContact(memberId, { name: 'Ewa Late', email, role: 'Sekretariat', language: lang }, office, { ...memberDependencies, clock: daysAgo(8) }));
      return confirmationLink(email);
    },

    /** The link of a contact the office removed before it was confirmed. */
    async supersededContactConfirmation(lang: Language): Promise<string> {
      const { memberId, contactId, link } = await unconfirmedContact(lang);
      expect((await memberChange(() => call('DELETE', `/admin/members/${memberId}/contacts/${contactId}`, { role: 'admin' }))).status).toBe(200);
      return link;
    },

    rsvpInvitation: async (lang: Language) => rsvpLink(await openEvent(lang), lang),
    rsvpFull: async (lang: Language) => rsvpLink(await fullEvent(lang), lang),
    rsvpPastDeadline: async (lang: Language) => rsvpLink(await eventPastDeadline(lang), lang),
    rsvpCancelled: async (lang: Language) => rsvpLink(await cancelledEvent(lang), lang),
  };
}

export type PageFixtures = ReturnType<typeof publicPageFixtures>;

/**
 * Opens the page in the browser: a GET, or the form POST a page's button would
 * send (the navigation itself becomes the POST, so the browser renders the
 * handler's real answer). Returns the HTTP status.
 */
export async function openPage(page: Page, baseUrl: string, request: PageRequest): Promise<number> {
  const url = `${baseUrl}${request.path}`;
  if (request.form) {
    const body = new URLSearchParams(Object.entries(request.form).flatMap(([name, value]) => [value].flat().map((one): [string, string] => [name, one]))).toString();
    await page.route(url, (route) =>
      route.continue({ method: 'POST', postData: body, headers: { ...route.request().headers(), 'content-type': 'application/x-www-form-urlencoded' } }),
    );
  }
  const response = await page.goto(url);
  if (request.form) await page.unroute(url);
  return response?.status() ?? 0;
}
