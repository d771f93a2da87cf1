import { describe, expect, it } from 'vitest';
import { recipientRepository } from '../../shared/adapters/dynamo/recipient-repository.js';
import { applicationDependencies } from '../../shared/composition/applications.js';
import { approveApplication } from '../../shared/domain/applications/decide-application.js';
import { fixedClock } from '../../shared/platform/clock.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { approvedMember, confirmationLink, linkIn } from '../support/members.js';
import { applicationBody, partition, verifyLink, verifyToken } from '../support/organisations.js';
import { queuedMessagesTo } from '../support/queued-messages.js';
import { storedKeys } from '../support/stored-keys.js';
import { useMailer } from '../support/stream-poller.js';

const api = useLocalApi();
useMailer();
const browser = { accept: 'text/html,application/xhtml+xml' };

const memberItems = async (memberId: string) => partition(storedKeys.memberPartition(memberId));
const contactsOf = async (memberId: string) => (await memberItems(memberId)).filter((entry) => entry.entity === 'CONTACT');

describe('colleagues added by the primary contact', () => {
  it('the welcome email’s link opens the form (PL, EN), changing nothing; its POST adds an unconfirmed colleague who gets a confirmation link', async () => {
    const { memberId, body, welcome, colleaguesLink } = await approvedMember(api.call);
    expect(welcome.body.text).toContain('Dodaj współpracowników');
    const before = await memberItems(memberId);

    const page = await api.call('GET', colleaguesLink);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="pl">');
    expect(page.text).toContain(body.organisation.name);
    expect(page.text).toContain('<label for="f-email">E-mail</label>');
    expect(page.text).toMatch(/<form method="post" action="\/colleagues\/[\w-]+\?lang=pl" novalidate id="colleague-form">/);
    expect(page.text).not.toContain('<script');
    const english = await api.call('GET', `${colleaguesLink}?lang=en`);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('<label for="f-role">Position</label>');
    expect(await memberItems(memberId)).toEqual(before);

    const colleague = { name: 'Tomasz Nowak', email: uniqueEmail('colleague'), role: 'Koordynator projektów', language: 'en' };
    const added = await api.call('POST', `${colleaguesLink}?lang=pl`, { form: colleague, headers: browser });
    expect(added.status).toBe(200);
    expect(added.text).toContain(`Na adres ${colleague.email} wysłaliśmy link potwierdzający`);
    // The form is empty again for the next colleague.
    expect(added.text).not.toContain(`value="${colleague.email}"`);
    const stored = (await contactsOf(memberId)).find((entry) => entry.email === colleague.email);
    expect(stored).toMatchObject({ status: 'UNCONFIRMED', addedBy: 'colleague', primary: false, language: 'en', receives: ['events', 'grants'] });

    const [confirmation] = await waitForEmails(colleague.email, 1);
    expect(confirmation!.body.text).toContain('Anna Kowalska added you as a contact person of');
    expect((await api.call('POST', linkIn(confirmation, '/contacts/confirm/'), { form: {} })).status).toBe(200);
    expect((await contactsOf(memberId)).find((entry) => entry.email === colleague.email)).toMatchObject({ status: 'CONFIRMED' });

    const primaryId = (await contactsOf(memberId)).find((entry) => entry.primary)!.contactId;
    const audit = await partition(`AUDIT#${new Date().toISOString().slice(0, 10)}`);
    expect(audit).toContainEqual(expect.objectContaining({ action: 'contact.add-colleague', target: `member/${memberId}/contact/${stored!.contactId}`, actor: { subject: `contact/${primaryId}` } }));
  });

  it('a refused form comes back filled in, each error at its field; a duplicate address is refused at the email field; nothing is written', async () => {
    const { memberId, email, colleaguesLink } = await approvedMember(api.call, { language: 'en' });
    const before = await memberItems(memberId);
    const invalid = await api.call('POST', colleaguesLink, { form: { name: 'Tomasz Nowak', email: 'not-an-address', role: '', language: 'en' }, headers: browser });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('<html lang="en">');
    expect(invalid.text).toContain('id="error-summary"');
    expect(invalid.text).toMatch(/<input type="email" id="f-email" name="email" value="not-an-address" required autocomplete="off" aria-invalid="true" aria-describedby="e-email">/);
    expect(invalid.text).toContain('<p class="error" id="e-role">Enter the position (at least 2 characters).</p>');
    expect(invalid.text).toContain('value="Tomasz Nowak"');
    const program = await api.call('POST', colleaguesLink, { json: { name: 'T', email: 'x', role: 'Koordynator', language: 'en' } });
    expect(program.status).toBe(400);
    expect(program.json.error.fields.map((field: { path: string }) => field.path).sort()).toEqual(['email', 'name']);

    const duplicate = await api.call('POST', colleaguesLink, { form: { name: 'Anna Kowalska', email: email.toUpperCase(), role: 'Dyrektor', language: 'en' }, headers: browser });
    expect(duplicate.status).toBe(409);
    expect(duplicate.text).toContain('<p class="error" id="e-email">This person is a contact of your organisation already.</p>');
    expect(await memberItems(memberId)).toEqual(before);
  });

  it('the notification settings page links to the same form, for an address that is a primary contact', async () => {
    const { memberId, email } = await approvedMember(api.call, { language: 'en' });
    const token = await recipientRepository.preferencesToken(email, 'en');
    const settings = await api.call('GET', `/unsubscribe/${token}`);
    // The page's own link, signed for the colleagues form: the preferences token of any member email does not open the form.
    const link = /href="(\/colleagues\/[^"?]+)\?lang=en"/.exec(settings.text)?.[1];
    expect(link).toMatch(new RegExp(`^/colleagues/${token}\\.[\\w-]{32}$`));
    expect((await api.call('GET', `/colleagues/${token}`)).status).toBe(404);
    const form = await api.call('GET', `${link}?lang=en`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Add colleagues');
    const colleague = { name: 'Ewa Zielińska', email: uniqueEmail('office'), role: 'Sekretariat', language: 'pl' };
    expect((await api.call('POST', `/colleagues/${token}?lang=en`, { form: colleague, headers: browser })).status).toBe(404);
    expect((await api.call('POST', `${link}?lang=en`, { form: colleague, headers: browser })).status).toBe(200);
    expect((await contactsOf(memberId)).map((entry) => entry.email)).toContain(colleague.email);
    await confirmationLink(colleague.email);

    // A colleague's own settings link does not let them add people: they are not the primary contact.
    const colleagueToken = await recipientRepository.preferencesToken(colleague.email, 'pl');
    const colleagueLink = /href="(\/colleagues\/[^"?]+)\?/.exec((await api.call('GET', `/unsubscribe/${colleagueToken}`)).text)![1]!;
    const refused = await api.call('GET', colleagueLink);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Brak uprawnień');
    expect((await api.call('POST', colleagueLink, { form: { ...colleague, email: uniqueEmail('x') }, headers: browser })).status).toBe(403);
    // A forged signature is an unknown link.
    expect((await api.call('GET', `${colleagueLink.slice(0, -4)}AAAA`)).status).toBe(404);
    expect((await api.call('GET', '/colleagues/made-up-token-that-never-existed')).status).toBe(404);
  });

  it('the welcome link stops working after 30 days, when its contact is no longer primary, and when the member left', async () => {
    const body = applicationBody({ language: 'en' });
    const submitted = await api.call('POST', '/applications', { json: body });
    const [verification] = await waitForEmails(body.contact.email, 1);
    await api.call('POST', '/applications/verify', { form: { token: verifyToken(verifyLink(verification!.body.text)) } });
    const longAgo = fixedClock(new Date(Date.now() - 31 * 86_400_000));
    await approveApplication(submitted.json.applicationId, { subject: 'sub-admin', email: 'admin@glokal.test' }, { ...applicationDependencies, clock: longAgo });
    const [welcome] = await waitForEmails(body.contact.email, 1, 10_000, (email) => email.body.text?.includes('/colleagues/') ?? false);
    const expired = await api.call('GET', linkIn(welcome, '/colleagues/'));
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('Link expired');

    const { memberId, colleaguesLink } = await approvedMember(api.call, { language: 'en' });
    const colleague = { name: 'Tomasz Nowak', email: uniqueEmail('next-primary'), role: 'Dyrektor', language: 'en' };
    await api.call('POST', colleaguesLink, { form: colleague, headers: browser });
    await api.call('POST', await confirmationLink(colleague.email), { form: {} });
    const next = (await contactsOf(memberId)).find((entry) => entry.email === colleague.email)!;
    expect((await api.call('PATCH', `/admin/members/${memberId}/contacts/${next.contactId}`, { role: 'admin', json: { primary: true } })).status).toBe(200);
    expect((await api.call('GET', colleaguesLink)).status).toBe(403);
    expect((await api.call('POST', colleaguesLink, { form: { ...colleague, email: uniqueEmail('late') }, headers: browser })).status).toBe(403);

    const { memberId: leaving, colleaguesLink: leavingLink } = await approvedMember(api.call);
    await api.call('PATCH', `/admin/members/${leaving}`, { role: 'admin', json: { status: 'LEFT', statusReason: 'Resigned.' } });
    expect((await api.call('GET', leavingLink)).status).toBe(403);
    expect((await queuedMessagesTo(colleague.email)).map((message) => message.template)).toEqual(['contact-confirmation']);
  });
});
