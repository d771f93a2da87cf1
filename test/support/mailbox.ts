/** Reads what arrived in local SES. Tests use unique recipient addresses, so parallel files do not see each other's mail. */
export interface SentEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string }[];
  headers?: { name: string; value: string }[];
  /** Epoch seconds, as local SES stamps it. */
  at: number;
}

const sesUrl = () => `http://127.0.0.1:${process.env.SES_PORT}`;

/** The whole local SES store, once (for an assertion after the waiting is done). */
export async function sentEmails(to?: string): Promise<SentEmail[]> {
  const response = await fetch(`${sesUrl()}/store`);
  const { emails } = (await response.json()) as { emails: SentEmail[] };
  return to ? emails.filter((email) => email.destination.to.includes(to)) : emails;
}

export interface Mailbox {
  /** Every email since the mailbox's start, read incrementally: each call fetches only the last seconds of the store. */
  emails(): Promise<SentEmail[]>;
  /** Waits until `count` emails that match have arrived (or the time is up) and returns every matching one, checking less often as the wait grows. */
  waitFor(matching: (email: SentEmail) => boolean, count: number, timeoutMs: number): Promise<SentEmail[]>;
}

/**
 * A reader of one local SES that does not fetch the whole store on every look:
 * local SES answers `GET /store?since=<epoch seconds>` with the emails stamped
 * at or after that second. Emails older than the newest second seen (minus one,
 * for a send still being stamped) are kept here and never fetched again; only
 * the last seconds are fetched anew, so nothing is counted twice (local SES's
 * message ids are random and may repeat, so they cannot be the key).
 */
export function mailbox(url: string, startSecond = 0): Mailbox {
  const settled: SentEmail[] = [];
  let recent: SentEmail[] = [];
  let cursor = startSecond;
  let reading: Promise<SentEmail[]> | undefined;

  function emails(): Promise<SentEmail[]> {
    // Lookers at the same moment (Promise.all of waits) share one fetch.
    reading ??= (async () => {
      const response = await fetch(`${url}/store?since=${cursor}`);
      if (!response.ok) throw new Error(`local SES answered ${response.status} to GET /store?since=${cursor}`);
      const { emails: fetched } = (await response.json()) as { emails: SentEmail[] };
      const newest = fetched.reduce((latest, email) => Math.max(latest, email.at), cursor);
      const next = Math.max(cursor, newest - 1);
      settled.push(...fetched.filter((email) => email.at < next));
      recent = fetched.filter((email) => email.at >= next);
      cursor = next;
      return [...settled, ...recent];
    })().finally(() => {
      reading = undefined;
    });
    return reading;
  }

  async function waitFor(matching: (email: SentEmail) => boolean, count: number, timeoutMs: number): Promise<SentEmail[]> {
    const deadline = Date.now() + timeoutMs;
    for (let pauseMs = 50; ; pauseMs = Math.min(pauseMs * 2, 1_000)) {
      const found = (await emails()).filter(matching);
      if (found.length >= count || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, Math.min(pauseMs, Math.max(0, deadline - Date.now()))));
    }
  }

  return { emails, waitFor };
}

/** When this test file loaded its helpers (every file loads them fresh), with a margin: its own mail cannot be older. */
const fileStartSecond = Math.floor(Date.now() / 1000) - 2;
let thisFile: Mailbox | undefined;

/** This test file's view of the suite's local SES: what arrived since the file started, so it never reads what earlier files were sent. */
export const fileMailbox = (): Mailbox => (thisFile ??= mailbox(sesUrl(), fileStartSecond));

/** Waits until `count` emails to the address (that match, if asked) have arrived; the mailer runs asynchronously. */
export function waitForEmails(to: string, count = 1, timeoutMs = 10_000, matching: (email: SentEmail) => boolean = () => true): Promise<SentEmail[]> {
  return fileMailbox().waitFor((email) => email.destination.to.includes(to) && matching(email), count, timeoutMs);
}

export function uniqueEmail(label = 'person'): string {
  return `${label}-${Math.random().toString(36).slice(2, 10)}@example.test`;
}
