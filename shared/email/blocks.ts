/**
 * Templates describe a message as blocks of plain text; the layout renders
 * them to HTML (escaped) and to plain text, so both versions always agree.
 */
export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'button'; label: string; url: string }
  | { kind: 'details'; rows: Array<[label: string, value: string]> }
  | { kind: 'list'; items: string[] }
  | { kind: 'section'; title: string; blocks: Block[] };

export interface EmailContent {
  subject: string;
  /** Greeting line, e.g. "Dzień dobry, Anna". */
  greeting: string;
  blocks: Block[];
}

export const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
export const button = (label: string, url: string): Block => ({ kind: 'button', label, url });
export const details = (rows: Array<[string, string | undefined]>): Block => ({
  kind: 'details',
  rows: rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== ''),
});
export const list = (items: string[]): Block => ({ kind: 'list', items });
export const section = (title: string, blocks: Block[]): Block => ({ kind: 'section', title, blocks });

/** The salutation every personal message opens with. */
export function greetingFor(name: string, lang: 'pl' | 'en'): string {
  return lang === 'pl' ? `Dzień dobry, ${name}` : `Hello ${name},`;
}
