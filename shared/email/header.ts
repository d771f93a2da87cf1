/** Control characters (CR and LF above all) and the Unicode line separators, in runs. */
const lineBreaking = /[\p{Cc}\u2028\u2029]+/gu;

/**
 * One line for a mail header (a subject, a display name, a header value):
 * CR/LF and other control characters become one space, so no value can end
 * the header and start another (`Bcc: …`). The contracts already refuse such
 * input; this holds for what was stored before they did, and for any value
 * that reaches a header another way.
 */
export function headerText(value: string): string {
  return value.replace(lineBreaking, ' ').trim();
}
