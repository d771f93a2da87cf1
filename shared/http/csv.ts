import { HttpError } from './errors.js';
import type { HttpResult } from './responses.js';

/**
 * CSV for the office's spreadsheets: exports Excel opens with Polish letters
 * intact and no formula run, and imports of what Polish Excel writes.
 */

// ─── Writing ────────────────────────────────────────────────────────────────

export const csvContentType = 'text/csv; charset=utf-8';

export type CsvDelimiter = ',' | ';';

/** A CSV file to save under `filename` (letters, digits, `.`, `-` and `_` kept: it goes into a header). */
export function csvFile(statusCode: number, body: string, filename: string): HttpResult {
  return { statusCode, headers: { 'content-type': csvContentType, 'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"` }, body };
}

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
}

/**
 * A text cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a
 * tab or CR before one) gets a leading apostrophe, so `=HYPERLINK(…)` typed
 * into a form shows as text (OWASP, CSV injection). Numbers are ours, not
 * anyone's input, and are written as they are.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a cell holding a quote, a line break or either delimiter (so it reads the same whichever one Excel expects). */
function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The file as text: a UTF-8 byte order mark (without it Excel reads the bytes
 * as the machine's code page and garbles ą, ł, ż…), a header row, CRLF after
 * every row. Comma by default (RFC 4180); Excel with Polish regional settings
 * splits on semicolons when a file is opened by double click.
 */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[], delimiter: CsvDelimiter = ','): string {
  const lines = [columns.map((column) => csvCell(column.header)).join(delimiter)];
  for (const row of rows) lines.push(columns.map((column) => csvCell(column.value(row))).join(delimiter));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ─── Reading ────────────────────────────────────────────────────────────────

export type SpreadsheetEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1250';

export interface Spreadsheet {
  /** Which encoding the bytes were read as, to tell the office. */
  encoding: SpreadsheetEncoding;
  delimiter: CsvDelimiter;
  header: string[];
  /**
   * Every row after the header as written, blank ones included, so that
   * `rows[i]` is spreadsheet row `i + 2` (the header is row 1) in messages.
   */
  rows: string[][];
}

export interface SpreadsheetLimits {
  maxBytes: number;
  /** Rows after the header, not counting blank ones (Excel writes `;;;` for rows that were only formatted). */
  maxRows: number;
  /** In UTF-16 code units, i.e. characters for any Polish text. */
  maxCellLength: number;
}

export const defaultSpreadsheetLimits: SpreadsheetLimits = { maxBytes: 1_000_000, maxRows: 1_000, maxCellLength: 2_000 };

export type SpreadsheetProblem = 'too-large' | 'unsupported-encoding' | 'empty' | 'too-many-rows' | 'cell-too-long' | 'unterminated-quote' | 'text-after-quote';

/** Why a file could not be read, and where: `row` counts the header as 1, `column` counts from 1. */
export class SpreadsheetError extends HttpError {
  readonly statusCode: number;
  readonly code = 'SPREADSHEET_UNREADABLE';
  constructor(
    readonly problem: SpreadsheetProblem,
    message: string,
    readonly row?: number,
    readonly column?: number,
  ) {
    super(row === undefined ? message : `Row ${row}${column === undefined ? '' : `, column ${column}`}: ${message}`);
    this.statusCode = problem === 'too-large' ? 413 : 400;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const windows1250 = new TextDecoder('windows-1250');

/**
 * UTF-8 with a BOM is what Excel's "CSV UTF-8" writes; plain "CSV" in a Polish
 * Windows is Windows-1250, whose letters (ą = 0xB9, ł = 0xB3…) are never valid
 * UTF-8 next to ASCII, so a file that does not decode as UTF-8 is read as it.
 */
function decode(bytes: Uint8Array): { encoding: SpreadsheetEncoding; text: string } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new SpreadsheetError('unsupported-encoding', 'The file is UTF-16 ("Unicode text"). Save it as "CSV UTF-8" or "CSV (comma delimited)".');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    try {
      return { encoding: 'utf-8-bom', text: utf8.decode(bytes.subarray(3)) };
    } catch {
      throw new SpreadsheetError('unsupported-encoding', 'The file says it is UTF-8 but is not. Save it again as "CSV UTF-8".');
    }
  }
  try {
    return { encoding: 'utf-8', text: utf8.decode(bytes) };
  } catch {
    return { encoding: 'windows-1250', text: windows1250.decode(bytes) };
  }
}

/** The delimiter used more often outside quotes in the header row; a comma when neither is. */
function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas += 1;
    else if (!quoted && char === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

interface CellRead {
  cell: string;
  /** Index of the character after the cell: a delimiter, a line break or the end. */
  end: number;
}

/** A cell opening with a quote, up to its closing quote; `""` inside is one quote. */
function readQuotedCell(text: string, start: number, delimiter: CsvDelimiter, row: number, column: number): CellRead {
  let cell = '';
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) throw new SpreadsheetError('unterminated-quote', 'a quoted cell is never closed.', row, column);
    cell += text.slice(from, quote);
    if (text[quote + 1] !== '"') {
      const next = text[quote + 1];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
        throw new SpreadsheetError('text-after-quote', 'there is text after the closing quote of a quoted cell.', row, column);
      }
      return { cell, end: quote + 1 };
    }
    cell += '"';
    from = quote + 2;
  }
}

function readPlainCell(text: string, start: number, delimiter: CsvDelimiter): CellRead {
  let end = start;
  while (end < text.length && text[end] !== delimiter && text[end] !== '\r' && text[end] !== '\n') end += 1;
  return { cell: text.slice(start, end), end };
}

/**
 * RFC 4180 records: quoted cells may hold delimiters, `""` and line breaks;
 * rows end with CRLF, LF or CR. A quote inside an unquoted cell is kept as
 * text (people type `5" screen`), but text after a closing quote is refused:
 * the quoting is then not what the writer meant.
 */
function parseRecords(text: string, delimiter: CsvDelimiter, limits: SpreadsheetLimits): string[][] {
  const records: string[][] = [];
  let dataRows = 0;
  let position = 0;
  while (position < text.length) {
    const row = records.length + 1;
    const record: string[] = [];
    for (;;) {
      const column = record.length + 1;
      const { cell, end } = text[position] === '"' ? readQuotedCell(text, position, delimiter, row, column) : readPlainCell(text, position, delimiter);
      if (cell.length > limits.maxCellLength) {
        throw new SpreadsheetError('cell-too-long', `a cell holds at most ${limits.maxCellLength} characters.`, row, column);
      }
      record.push(cell);
      position = end + 1;
      if (text[end] !== delimiter) break;
    }
    if (text[position - 1] === '\r' && text[position] === '\n') position += 1;
    if (records.length > 0 && record.some((cell) => cell !== '')) dataRows += 1;
    if (dataRows > limits.maxRows) throw new SpreadsheetError('too-many-rows', `a file holds at most ${limits.maxRows} rows after the header.`, row);
    records.push(record);
  }
  return records;
}

/** A CSV spreadsheet's header and rows, whichever encoding and delimiter Excel chose; refused past the limits. */
export function readSpreadsheet(bytes: Uint8Array, limits: Partial<SpreadsheetLimits> = {}): Spreadsheet {
  const bounds = { ...defaultSpreadsheetLimits, ...limits };
  if (bytes.length > bounds.maxBytes) throw new SpreadsheetError('too-large', `The file is larger than ${bounds.maxBytes} bytes.`);
  const { encoding, text } = decode(bytes);
  const delimiter = detectDelimiter(text);
  const [header, ...rows] = parseRecords(text, delimiter, bounds);
  if (!header || header.every((name) => name.trim() === '')) {
    throw new SpreadsheetError('empty', 'The file is empty: its first row must name the columns.');
  }
  return { encoding, delimiter, header, rows };
}
