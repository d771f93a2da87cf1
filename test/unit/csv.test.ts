import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, readSpreadsheet, SpreadsheetError, toCsv, type CsvColumn, type CsvDelimiter, type SpreadsheetLimits } from '../../shared/http/csv.js';

const seed = 20_261_126;
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/spreadsheets/${name}`, import.meta.url)));
const bytes = (text: string) => new TextEncoder().encode(text);

/** The refusal a read ends in, failing the test if it succeeds. */
function refusal(input: Uint8Array, limits: Partial<SpreadsheetLimits> = {}): SpreadsheetError {
  try {
    readSpreadsheet(input, limits);
  } catch (error) {
    if (error instanceof SpreadsheetError) return error;
    throw error;
  }
  throw new Error('the file was read');
}

interface Attendee {
  organisation: string;
  contact: string;
  position: number | null;
}

const attendeeColumns: CsvColumn<Attendee>[] = [
  { header: 'Organizacja', value: (row) => row.organisation },
  { header: 'Osoba', value: (row) => row.contact },
  { header: 'Pozycja na liście rezerwowej', value: (row) => row.position },
];

describe('toCsv', () => {
  it('starts with a UTF-8 byte order mark and ends every row with CRLF', () => {
    const csv = toCsv(attendeeColumns, [{ organisation: 'Szkoła Podstawowa nr 5 w Łodzi', contact: 'Żaneta Gęślak', position: null }]);
    expect(csv).toBe('\uFEFFOrganizacja,Osoba,Pozycja na liście rezerwowej\r\nSzkoła Podstawowa nr 5 w Łodzi,Żaneta Gęślak,\r\n');
    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes cells holding a quote, a line break or either delimiter, doubling quotes', () => {
    const csv = toCsv(attendeeColumns, [{ organisation: 'Firma "Alfa", sp. z o.o.; oddział\r\nWrocław', contact: 'Jan\nKowalski', position: 3 }]);
    expect(csv.split('\r\n')[1]).toBe('"Firma ""Alfa"", sp. z o.o.; oddział');
    expect(csv).toContain('"Jan\nKowalski",3\r\n');
  });

  it('neutralises cells a spreadsheet would run as a formula, but not numbers', () => {
    const cells = ['=HYPERLINK("http://x","y")', '+48 71 123 45 67', '-1+1', '@SUM(A1)', '\t=1', '\r=1', 'a=b', ' =1'];
    expect(cells.map(neutraliseFormula)).toEqual(["'=HYPERLINK(\"http://x\",\"y\")", "'+48 71 123 45 67", "'-1+1", "'@SUM(A1)", "'\t=1", "'\r=1", 'a=b', ' =1']);
    const csv = toCsv(attendeeColumns, [{ organisation: '=cmd|" /C calc"!A0', contact: '@admin', position: -2 }]);
    expect(csv.split('\r\n')[1]).toBe(`"'=cmd|"" /C calc""!A0",'@admin,-2`);
  });

  it('writes semicolons when asked, for Excel with Polish regional settings', () => {
    expect(toCsv(attendeeColumns, [{ organisation: 'A, B', contact: 'C', position: 1 }], ';')).toBe('\uFEFFOrganizacja;Osoba;Pozycja na liście rezerwowej\r\n"A, B";C;1\r\n');
  });

  it('writes the header alone when there are no rows', () => {
    expect(toCsv(attendeeColumns, [])).toBe('\uFEFFOrganizacja,Osoba,Pozycja na liście rezerwowej\r\n');
  });
});

const expectedHeader = ['Program', 'Identyfikator naboru', 'Tytuł', 'Termin', 'Adres'];

describe('readSpreadsheet: what Excel writes', () => {
  it('reads Windows-1250 with semicolons, as Polish Excel saves "CSV"', () => {
    const file = fixture('windows-1250-semicolon.csv');
    // The fixture really is Windows-1250: ąćęłńóśźż are these single bytes, never UTF-8 pairs.
    const polishLetters = [0xb9, 0xe6, 0xea, 0xb3, 0xf1, 0xf3, 0x9c, 0x9f, 0xbf];
    expect(Buffer.from(file).includes(Buffer.from(polishLetters))).toBe(true);
    expect(Buffer.from(file).includes(Buffer.from('ł', 'utf8'))).toBe(false);

    const sheet = readSpreadsheet(file);
    expect(sheet.encoding).toBe('windows-1250');
    expect(sheet.delimiter).toBe(';');
    expect(sheet.header).toEqual(expectedHeader);
    expect(sheet.rows).toEqual([
      ['Fundusze Europejskie dla Dolnego Śląska', 'FEDS.07.01-IP.01-001/26', 'Kształcenie zawodowe; szkoły branżowe', '2026-10-26T12:00', 'https://funduszeue.dolnyslask.pl/'],
      ['Erasmus+', 'KA220-VET-2026', 'Partnerstwa współpracy: „Zażółć gęślą jaźń”\r\ndruga linia, "cytat"', '2027-03-05T17:00', 'https://erasmus-plus.ec.europa.eu/'],
      ['Interreg Central Europe', 'CE-2026-3', 'Zielone umiejętności — ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ', '2026-11-30T23:59', 'https://www.interreg-central.eu/'],
    ]);
  });

  it('reads UTF-8 with a byte order mark and commas, as Excel saves "CSV UTF-8"', () => {
    const sheet = readSpreadsheet(fixture('utf-8-bom-comma.csv'));
    expect(sheet).toMatchObject({ encoding: 'utf-8-bom', delimiter: ',', header: expectedHeader });
    expect(sheet.rows.map((row) => row[2])).toEqual([
      'Kształcenie zawodowe, szkoły branżowe',
      'Partnerstwa współpracy: „Zażółć gęślą jaźń”\r\ndruga linia; "cytat"',
      'Zielone umiejętności — ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ',
    ]);
  });

  it('reads UTF-8 without a mark, with LF line ends and no final line break', () => {
    const sheet = readSpreadsheet(fixture('utf-8-semicolon-lf.csv'));
    expect(sheet).toMatchObject({ encoding: 'utf-8', delimiter: ';', header: expectedHeader });
    expect(sheet.rows).toHaveLength(3);
    expect(sheet.rows[1]![2]).toBe('Partnerstwa współpracy: „Zażółć gęślą jaźń”\ndruga linia, "cytat"');
    expect(sheet.rows[2]![4]).toBe('https://www.interreg-central.eu/');
  });
});

describe('readSpreadsheet: RFC 4180 and its everyday variants', () => {
  it('detects the delimiter from the header row alone, ignoring quoted ones', () => {
    expect(readSpreadsheet(bytes('"a;b",c\r\n1;2;3,4\r\n'))).toMatchObject({ delimiter: ',', header: ['a;b', 'c'], rows: [['1;2;3', '4']] });
    expect(readSpreadsheet(bytes('"a,b";c\r\n1,2,3;4\r\n'))).toMatchObject({ delimiter: ';', header: ['a,b', 'c'], rows: [['1,2,3', '4']] });
    expect(readSpreadsheet(bytes('only\r\nx,y\r\n'))).toMatchObject({ delimiter: ',', header: ['only'], rows: [['x', 'y']] });
  });

  it('keeps a quote typed inside an unquoted cell, and reads CR-only line ends', () => {
    expect(readSpreadsheet(bytes('a,b\r5" screen,x\r')).rows).toEqual([['5" screen', 'x']]);
  });

  it('keeps blank rows and trailing empty cells so rows keep their spreadsheet numbers', () => {
    const sheet = readSpreadsheet(bytes('a;b;c\r\n1;2;3\r\n;;\r\n\r\n4;;\r\n'));
    expect(sheet.rows).toEqual([['1', '2', '3'], ['', '', ''], [''], ['4', '', '']]);
  });

  it('reads a file that is only a header', () => {
    expect(readSpreadsheet(bytes('\uFEFFa,b'))).toEqual({ encoding: 'utf-8-bom', delimiter: ',', header: ['a', 'b'], rows: [] });
  });
});

describe('readSpreadsheet: refusals name the row and the column', () => {
  it('refuses a cell longer than the limit', () => {
    const error = refusal(bytes('a;b\r\nok;ok\r\nok;"' + 'ż'.repeat(11) + '"\r\n'), { maxCellLength: 10 });
    expect(error).toMatchObject({ problem: 'cell-too-long', row: 3, column: 2, statusCode: 400, code: 'SPREADSHEET_UNREADABLE' });
    expect(error.message).toBe('Row 3, column 2: a cell holds at most 10 characters.');
  });

  it('refuses more rows than the limit, not counting blank ones', () => {
    expect(readSpreadsheet(bytes('a\r\n1\r\n\r\n2\r\n'), { maxRows: 2 }).rows).toEqual([['1'], [''], ['2']]);
    const error = refusal(bytes('a\r\n1\r\n2\r\n3\r\n'), { maxRows: 2 });
    expect(error).toMatchObject({ problem: 'too-many-rows', row: 4, column: undefined });
    expect(error.message).toBe('Row 4: a file holds at most 2 rows after the header.');
  });

  it('refuses a file over the byte limit before decoding it', () => {
    expect(refusal(bytes('a,b\r\n1,2\r\n'), { maxBytes: 9 })).toMatchObject({ problem: 'too-large', statusCode: 413, row: undefined });
  });

  it('refuses a quoted cell that never closes, where it opens', () => {
    expect(refusal(bytes('a,b\r\n1,"two\r\n3,4\r\n'))).toMatchObject({ problem: 'unterminated-quote', row: 2, column: 2 });
  });

  it('refuses text after a closing quote', () => {
    expect(refusal(bytes('a,b\r\n"x"y,1\r\n'))).toMatchObject({ problem: 'text-after-quote', row: 2, column: 1 });
  });

  it('refuses an empty file and one whose first row names no column', () => {
    expect(refusal(new Uint8Array())).toMatchObject({ problem: 'empty' });
    expect(refusal(bytes('\uFEFF'))).toMatchObject({ problem: 'empty' });
    expect(refusal(bytes(' ; \r\n1;2\r\n'))).toMatchObject({ problem: 'empty' });
  });

  it('refuses UTF-16 ("Unicode text") and a UTF-8 mark over bytes that are not UTF-8', () => {
    expect(refusal(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]))).toMatchObject({ problem: 'unsupported-encoding' });
    expect(refusal(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xb3, 0x0d, 0x0a]))).toMatchObject({ problem: 'unsupported-encoding' });
  });
});

describe('properties', () => {
  // Any Unicode text (no lone surrogates: a file cannot carry them), biased towards what CSV must escape.
  const cellText = fc.string({ unit: fc.oneof(fc.constantFrom(',', ';', '"', '\r', '\n', '\t', '=', '+', '-', '@', "'", 'ą', 'Ż', ' '), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 12 });
  const tables = fc.integer({ min: 1, max: 5 }).chain((width) =>
    fc.record({
      header: fc.array(cellText.filter((name) => name.trim() !== ''), { minLength: width, maxLength: width }),
      rows: fc.array(fc.array(cellText, { minLength: width, maxLength: width }), { maxLength: 8 }),
      delimiter: fc.constantFrom<CsvDelimiter>(',', ';'),
    }),
  );

  it('reads back what toCsv wrote, cell for cell, apart from neutralised formulas', () => {
    fc.assert(
      fc.property(tables, ({ header, rows, delimiter }) => {
        const columns = header.map((name, index): CsvColumn<string[]> => ({ header: name, value: (row) => row[index] }));
        const sheet = readSpreadsheet(bytes(toCsv(columns, rows, delimiter)), { maxCellLength: 100 });
        expect(sheet.encoding).toBe('utf-8-bom');
        expect(sheet.header).toEqual(header.map(neutraliseFormula));
        expect(sheet.rows).toEqual(rows.map((row) => row.map(neutraliseFormula)));
      }),
      { seed, numRuns: 1_000 },
    );
  });

  it('answers any bytes with a spreadsheet or a SpreadsheetError, within the limits', () => {
    const limits = { maxBytes: 200, maxRows: 5, maxCellLength: 20 };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 250 }), (input) => {
        try {
          const sheet = readSpreadsheet(input, limits);
          expect(sheet.rows.filter((row) => row.some((cell) => cell !== '')).length).toBeLessThanOrEqual(limits.maxRows);
          for (const cell of [...sheet.header, ...sheet.rows.flat()]) expect(cell.length).toBeLessThanOrEqual(limits.maxCellLength);
        } catch (error) {
          expect(error).toBeInstanceOf(SpreadsheetError);
        }
      }),
      { seed, numRuns: 2_000 },
    );
  });
});
