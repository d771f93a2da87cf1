/** Reads what arrived in local SES. Tests use unique recipient addresses, so parallel files do not see each other's mail. */
export interface SentEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string }[];
  headers?: { name: string; value: string }[];
  at: number;
}

const sesUrl = () => `http://127.0.0.1:${process.env.SES_PORT}`;

export async function sentEmails(to?: string): Promise<SentEmail[]> {
  const response = await fetch(`${sesUrl()}/store`);
  const { emails } = (await response.json()) as { emails: SentEmail[] };
  return to ? emails.filter((email) => email.destination.to.includes(to)) : emails;
}

/** Waits until `count` emails to the address (that match, if asked) have arrived; the mailer runs asynchronously. */
export async function waitForEmails(to: string, count = 1, timeoutMs = 10_000, matching: (email: SentEmail) => boolean = () => true): Promise<SentEmail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = (await sentEmails(to)).filter(matching);
    if (emails.length >= count || Date.now() > deadline) return emails;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function uniqueEmail(label = 'person'): string {
  return `${label}-${Math.random().toString(36).slice(2, 10)}@example.test`;
}
