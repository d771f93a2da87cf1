import * as z from 'zod';
import { ValidationError, type FieldError } from '../domain/errors.js';
import type { ImportRow } from '../domain/grants/import-calls.js';
import type { Spreadsheet } from '../http/csv.js';
import { defineRoute } from '../http/route.js';
import { createGrantBody, grantView } from './grants.js';

/** The columns a spreadsheet may have, by the header names the office (Polish) or anyone else (English) writes. */
const columnNames = {
  programme: ['program', 'programme'],
  callIdentifier: ['identyfikator naboru', 'identyfikator', 'call identifier', 'call id'],
  titlePl: ['tytuł', 'tytuł pl', 'tytuł (pl)', 'title pl', 'title (pl)', 'title'],
  titleEn: ['tytuł en', 'tytuł (en)', 'title en', 'title (en)'],
  url: ['adres', 'link', 'url', 'adres www'],
  deadline: ['termin', 'deadline', 'termin naboru'],
  memberTypes: ['typy członków', 'typy', 'member types'],
  interests: ['zainteresowania', 'specjalizacje', 'interests'],
  offsets: ['przypomnienia', 'przypomnienia (dni)', 'dni przed terminem', 'offsets', 'reminder days'],
} as const;
type Column = keyof typeof columnNames;
const requiredColumns: Column[] = ['programme', 'callIdentifier', 'titlePl', 'url', 'deadline'];

const headerKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

/** Which column of the file holds each field (0-based), or the header's errors. */
function columnsOf(header: string[]): { at: Partial<Record<Column, number>>; errors: FieldError[] } {
  const at: Partial<Record<Column, number>> = {};
  const errors: FieldError[] = [];
  header.forEach((name, index) => {
    if (name.trim() === '') return;
    const column = (Object.keys(columnNames) as Column[]).find((candidate) => (columnNames[candidate] as readonly string[]).includes(headerKey(name)));
    if (!column) errors.push({ path: `header[${index + 1}]`, message: `Column ${index + 1} ("${name.slice(0, 50)}") is not one this import reads.` });
    else if (at[column] !== undefined) errors.push({ path: `header[${index + 1}]`, message: `Column ${index + 1} repeats column ${at[column]! + 1}.` });
    else at[column] = index;
  });
  for (const column of requiredColumns) {
    if (at[column] === undefined) errors.push({ path: 'header', message: `The header row has no column ${columnNames[column][0]} (${column}).` });
  }
  return { at, errors };
}

/** A list cell: codes or numbers separated by spaces, commas, semicolons or bars. */
const listOf = (cell: string) => cell.split(/[\s,;|]+/).filter((item) => item !== '');

/** What the body schema checks for a JSON call, from one row; offsets as numbers (a word stays a word, and is refused by name). */
function rowBody(cell: (column: Column) => string) {
  const memberTypes = listOf(cell('memberTypes'));
  const interests = listOf(cell('interests'));
  const offsets = listOf(cell('offsets'));
  return {
    programme: cell('programme'),
    callIdentifier: cell('callIdentifier'),
    title: { pl: cell('titlePl'), en: cell('titleEn') || cell('titlePl') },
    url: cell('url'),
    deadline: cell('deadline').trim(),
    audience: memberTypes.length === 0 && interests.length === 0 ? { scope: 'all' } : { scope: 'segment', memberTypes, interests },
    ...(offsets.length > 0 ? { offsets: offsets.map((offset) => (/^\d+$/.test(offset) ? Number(offset) : offset)) } : {}),
  };
}

/** The column a body field came from, for the message. */
const fieldColumn: Record<string, Column> = { programme: 'programme', callIdentifier: 'callIdentifier', url: 'url', deadline: 'deadline', offsets: 'offsets' };

/**
 * Every row of the spreadsheet as a call's input, or every error of every
 * row at once, each named `rows[<row>].<field>` (row as Excel numbers it,
 * the header being row 1) with the column in its message.
 */
export function grantImportRows(sheet: Spreadsheet): ImportRow[] {
  const { at, errors } = columnsOf(sheet.header);
  if (errors.length > 0) throw new ValidationError(errors);
  const rows: ImportRow[] = [];
  sheet.rows.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    const row = index + 2;
    const cell = (column: Column) => (at[column] === undefined ? '' : (cells[at[column]!] ?? ''));
    const parsed = createGrantBody.safeParse(rowBody(cell));
    if (parsed.success) {
      rows.push({ row, input: parsed.data });
      return;
    }
    for (const issue of parsed.error.issues) {
      const [field, sub] = issue.path.map(String);
      const column = field === 'title' ? (sub === 'en' ? 'titleEn' : 'titlePl') : field === 'audience' ? (sub === 'memberTypes' ? 'memberTypes' : 'interests') : fieldColumn[field ?? ''];
      const where = column && at[column] !== undefined ? `Column ${at[column]! + 1} (${sheet.header[at[column]!]}): ` : '';
      errors.push({ path: `rows[${row}].${field === 'title' || field === 'audience' ? `${field}.${sub}` : field}`, message: `${where}${issue.message}` });
    }
  });
  if (errors.length > 0) throw new ValidationError(errors);
  return rows;
}

export const importGrants = defineRoute({
  operationId: 'importGrants',
  method: 'POST',
  path: '/admin/grants/import',
  access: 'admin',
  summary:
    'Funding calls from the office’s spreadsheet (CSV: UTF-8 with or without BOM, or Windows-1250; comma or semicolon separated), all rows or none. Columns: Program, Identyfikator naboru, Tytuł, Tytuł (EN), Adres, Termin (YYYY-MM-DDTHH:mm, Warsaw), Typy członków, Zainteresowania, Przypomnienia (days, e.g. "30 14 7 1"); English names work too. Send the file as the body with `Content-Type: text/csv`; an `Idempotency-Key` header (else the file itself) names the import, so a retry adds nothing twice.',
  tags: ['grants'],
  headers: z.object({ 'idempotency-key': z.string().min(8).max(100).regex(/^[\x21-\x7e]+$/, 'Printable ASCII without spaces.').optional() }),
  responses: {
    201: {
      description: 'Every row became a call; `encoding` says how the file was read.',
      schema: z.object({
        importId: z.string(),
        encoding: z.enum(['utf-8', 'utf-8-bom', 'windows-1250']),
        delimiter: z.enum([',', ';']),
        mode: z.enum(['transaction', 'staged']).describe('One transaction, or (more than 100 items) staged and made visible at once.'),
        count: z.number().int(),
        items: z.array(grantView),
      }),
    },
    400: { description: 'The file cannot be read (SPREADSHEET_UNREADABLE, with row and column), or rows are invalid: each error names `rows[<row>].<field>` and the column. Nothing is written.' },
    413: { description: 'The file is too large.' },
    415: { description: 'Not sent as text/csv.' },
  },
});
