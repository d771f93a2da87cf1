import type { RsvpAnswer, RsvpResponse } from '../domain/events/invitation.js';
import type { RsvpClosed, RsvpResult, RsvpState } from '../domain/events/rsvp.js';
import { escapeHtml, safeUrl } from '../email/escape.js';
import { formatDateTime, type Language } from '../email/language.js';
import { page } from './page.js';

const copy = {
  pl: {
    title: 'Twoja odpowiedź',
    when: 'Termin',
    where: 'Miejsce',
    online: 'Online',
    deadline: 'Odpowiedź do',
    current: 'Twoja obecna odpowiedź',
    answers: { NONE: 'brak odpowiedzi', ACCEPTED: 'wezmę udział – miejsce zarezerwowane', WAITLISTED: 'lista rezerwowa', DECLINED: 'nie wezmę udziału' } satisfies Record<RsvpAnswer, string>,
    position: 'Miejsce na liście rezerwowej',
    choose: 'Twoja odpowiedź',
    accept: 'Wezmę udział',
    decline: 'Nie wezmę udziału',
    send: 'Wyślij odpowiedź',
    closed: { 'deadline-passed': 'Termin odpowiedzi minął. Nie można już zmienić odpowiedzi.', cancelled: 'To wydarzenie zostało odwołane. Nie można już odpowiedzieć.' } satisfies Record<RsvpClosed, string>,
    done: {
      ACCEPTED: 'Dziękujemy! Twoje miejsce jest zarezerwowane. Wysłaliśmy potwierdzenie e-mailem.',
      WAITLISTED: 'Wszystkie miejsca są zajęte: jesteś na liście rezerwowej. Napiszemy, gdy zwolni się miejsce.',
      DECLINED: 'Dziękujemy za odpowiedź. Odnotowaliśmy, że nie weźmiesz udziału.',
      NONE: '',
    } satisfies Record<RsvpAnswer, string>,
    same: 'Ta odpowiedź była już zapisana; nic się nie zmieniło.',
  },
  en: {
    title: 'Your answer',
    when: 'When',
    where: 'Where',
    online: 'Online',
    deadline: 'Answer by',
    current: 'Your current answer',
    answers: { NONE: 'no answer yet', ACCEPTED: 'attending – your place is reserved', WAITLISTED: 'on the waitlist', DECLINED: 'not attending' } satisfies Record<RsvpAnswer, string>,
    position: 'Waitlist position',
    choose: 'Your answer',
    accept: 'I will attend',
    decline: 'I cannot attend',
    send: 'Send my answer',
    closed: { 'deadline-passed': 'The deadline for answers has passed. Your answer can no longer change.', cancelled: 'This event has been cancelled. Answers are closed.' } satisfies Record<RsvpClosed, string>,
    done: {
      ACCEPTED: 'Thank you! Your place is reserved. A confirmation is on its way by email.',
      WAITLISTED: 'All places are taken: you are on the waitlist. We will write as soon as a place frees up.',
      DECLINED: 'Thank you for letting us know that you cannot attend.',
      NONE: '',
    } satisfies Record<RsvpAnswer, string>,
    same: 'This answer was already recorded; nothing changed.',
  },
} as const;

function details(state: RsvpState, lang: Language): string {
  const text = copy[lang];
  const { event } = state;
  const rows = [
    [text.when, `${formatDateTime(event.startsAt, lang)} – ${formatDateTime(event.endsAt, lang)}`],
    ...(event.venue ? [[text.where, escapeHtml(event.venue)]] : []),
    ...(event.onlineUrl ? [[text.online, `<a href="${escapeHtml(safeUrl(event.onlineUrl))}">${escapeHtml(event.onlineUrl)}</a>`]] : []),
    [text.deadline, formatDateTime(event.rsvpDeadlineAt, lang)],
  ];
  return `<dl>${rows.map(([term, value]) => `<dt>${escapeHtml(term!)}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

/**
 * The RSVP page in the invitee's language: the event, the current answer
 * (and waitlist rank), and — while answers are open — a form whose button
 * POSTs the answer; the email's choice comes preselected. No script needed.
 */
export function rsvpPage(state: RsvpState | RsvpResult, token: string, preselected?: RsvpResponse): string {
  const lang = state.lang;
  const text = copy[lang];
  const { invitation, event } = state;
  const outcome = 'changed' in state ? `<p class="notice" role="status">${escapeHtml(state.closed ? text.closed[state.closed] : state.changed ? text.done[invitation.answer] : text.same)}</p>` : '';
  const closed = state.closed ? `<p class="notice" role="alert">${escapeHtml(text.closed[state.closed])}</p>` : '';
  const chosen = preselected ?? (invitation.answer === 'DECLINED' ? 'decline' : invitation.answer === 'NONE' ? undefined : 'accept');
  const option = (value: RsvpResponse, label: string) =>
    `<label class="check"><input type="radio" name="response" value="${value}"${chosen === value ? ' checked' : ''} required> ${escapeHtml(label)}</label>`;
  const form = state.closed
    ? ''
    : `<form method="post" action="/rsvp/${encodeURIComponent(token)}"><fieldset><legend>${escapeHtml(text.choose)}</legend>${option('accept', text.accept)}${option('decline', text.decline)}</fieldset><button type="submit">${escapeHtml(text.send)}</button></form>`;
  const position = state.waitlistPosition !== undefined ? `<p>${escapeHtml(text.position)}: <strong data-waitlist-position>${state.waitlistPosition}</strong></p>` : '';
  const body = `<h1>${escapeHtml(event.title[lang])}</h1>${outcome}${'changed' in state ? '' : closed}${details(state, lang)}<p>${escapeHtml(text.current)}: <strong data-answer="${invitation.answer}">${escapeHtml(text.answers[invitation.answer])}</strong></p>${position}${form}`;
  return page({ lang, title: `${text.title}: ${event.title[lang]}`, body });
}
