import * as z from 'zod';

export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .describe('The one error shape of every endpoint.');

/** What API Gateway answers by itself, before or instead of a function (its JWT authorizer's 401, a function that failed). */
export const gatewayErrorBody = z.object({ message: z.string() }).describe('API Gateway’s own answer, before any function runs.');

export const cursorQuery = z.string().max(2048).optional().describe('The nextCursor of the previous page.');

export const idParam = z.object({ id: z.string().min(1).max(64) });

/** The token of an emailed link (`/…/{token}`): bounded, whatever the link's purpose. */
export const tokenParams = z.object({ token: z.string().min(10).max(200) });

/**
 * C0 and C1 control characters and the Unicode line and paragraph
 * separators: nothing a one-line value (a name, a role, a city) holds, and
 * CR/LF would split a mail header such a value may end up in.
 */
const singleLinePattern = /^[^\p{Cc}\u2028\u2029]*$/u;
/** Free text (a rejection reason) may break lines and hold tabs; no other control character. */
const freeTextPattern = /^(?:[^\p{Cc}]|[\t\n\r])*$/u;

export const singleLineMessage = 'Use one line of text, without control characters.';

/** A required one-line text field: trimmed, bounded, no control characters. */
export const singleLineText = (min: number, max: number, error?: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'This field is required.' : (error ?? 'Enter text.')) })
    .trim()
    .min(min, error ?? `Enter at least ${min} characters.`)
    .max(max, `Use at most ${max} characters.`)
    .regex(singleLinePattern, singleLineMessage);

/** Adds the one-line rule to another string schema (a URL, a header). */
export const singleLine = <S extends z.ZodString | z.ZodURL>(schema: S): S => schema.regex(singleLinePattern, singleLineMessage) as S;

/** Text a person writes in several lines: line breaks (CRLF from a browser's textarea becomes LF) and tabs, no other control character. */
export const freeText = (min: number, max: number, error: string) =>
  z
    .string({ error })
    .trim()
    .overwrite((value) => value.replace(/\r\n?/g, '\n'))
    .min(min, error)
    .max(max, `Use at most ${max} characters.`)
    .regex(freeTextPattern, 'Use text without control characters (line breaks are fine).');
