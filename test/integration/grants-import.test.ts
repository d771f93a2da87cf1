import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { issueLocalToken } from '../../infra/local/local-issuer.js';
import { glokal } from '../../shared/adapters/dynamo/service.js';
import { callImportRepository } from '../../shared/adapters/dynamo/grant-repository.js';
import { grantImportDependencies } from '../../shared/composition/grants.js';
import { grantImportRows } from '../../shared/contracts/grant-import.js';
import { importCalls } from '../../shared/domain/grants/import-calls.js';
import { readSpreadsheet } from '../../shared/http/csv.js';
import { postCsv } from '../support/grants.js';
import { useLocalApi } from '../support/local-api.js';
import { partition } from '../support/organisations.js';

const api = useLocalApi();
const adminToken = () => issueLocalToken({ role: 'admin' });
const fixture = (name: string) => readFileSync(`test/fixtures/grants/${name}`);

/** Every visible call whose identifier starts with `prefix`, through the admin list (all pages). */
async function listedWith(prefix: string): Promise<Array<{ callId: string; callIdentifier: string; title: { pl: string } }>> {
  const found = [];
  let cursor: string | undefined;
  do {
    const page = await api.call('GET', `/admin/grants?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { role: 'viewer' });
    found.push(...page.json.items.filter((call: { callIdentifier: string }) => call.callIdentifier.startsWith(prefix)));
    cursor = page.json.nextCursor;
  } while (cursor);
  return found;
}

/** A file of `count` valid calls, one per row, semicolon separated (as Polish Excel saves). */
const bulkFile = (count: number, prefix: string) =>
  Buffer.from(
    ['Program;Identyfikator naboru;Tytuł;Adres;Termin;Przypomnienia', ...Array.from({ length: count }, (_, index) => `Erasmus+;${prefix}-${index};Nabór ${index} – kształcenie;https://erasmus-plus.ec.europa.eu/;2032-0${1 + (index % 9)}-15T12:00;30 14 7 1`)].join('\r\n'),
    'utf8',
  );

describe('importing the office’s spreadsheet', () => {
  it('reads UTF-8 with a BOM and comma separators, says so, and creates every call with its reminders in one transaction', async () => {
    const answer = await postCsv(api.baseUrl(), await adminToken(), fixture('calls-utf8-bom.csv'));
    expect(answer.status, answer.text).toBe(201);
    expect(answer.json).toMatchObject({ encoding: 'utf-8-bom', delimiter: ',', mode: 'transaction', count: 2 });
    const [erasmus, feds] = answer.json.items;
    expect(erasmus).toMatchObject({
      programme: 'Erasmus+',
      title: { pl: 'Partnerstwa współpracy, kształcenie zawodowe', en: 'Cooperation partnerships in VET' },
      deadline: '2027-03-05T12:00',
      audience: { scope: 'segment', memberTypes: [], interests: ['vocational_education'] },
      offsets: [30, 14, 7, 1],
    });
    expect(feds).toMatchObject({ programme: 'Fundusze Europejskie dla Dolnego Śląska', audience: { scope: 'all' }, offsets: [14, 7] });
    expect((await partition(`GRANT#${feds.callId}`)).map((stored) => stored.sk).sort()).toEqual(['DUE#14', 'DUE#7', 'GRANT']);
    // The same file again (no key: the file names the import) adds nothing.
    const again = await postCsv(api.baseUrl(), await adminToken(), fixture('calls-utf8-bom.csv'));
    expect(again.status).toBe(201);
    expect(again.json.items.map((call: { callId: string }) => call.callId).sort()).toEqual([erasmus.callId, feds.callId].sort());
    expect(await listedWith('KA220-VET-2027')).toHaveLength(1);
  });

  it('reads Windows-1250 with semicolons (Polish Excel’s "CSV") with its letters intact', async () => {
    const answer = await postCsv(api.baseUrl(), await adminToken(), fixture('calls-windows-1250.csv'));
    expect(answer.status, answer.text).toBe(201);
    expect(answer.json).toMatchObject({ encoding: 'windows-1250', delimiter: ';', count: 2 });
    expect(answer.json.items[0]).toMatchObject({
      callIdentifier: 'CE-2027-4',
      title: { pl: 'Zielone umiejętności – żółć gęślą jaźń', en: 'Zielone umiejętności – żółć gęślą jaźń' },
      audience: { scope: 'segment', memberTypes: ['school', 'university'], interests: ['green_skills'] },
      deadline: '2027-04-30T23:59',
    });
  });

  it('lists every error by row and column and writes nothing when any row is bad', async () => {
    const answer = await postCsv(api.baseUrl(), await adminToken(), fixture('calls-bad-rows.csv'));
    expect(answer.status).toBe(400);
    expect(answer.json.error.fields).toEqual([
      { path: 'rows[3].url', message: expect.stringMatching(/^Column 4 \(Adres\): /) },
      { path: 'rows[4].audience.interests', message: expect.stringMatching(/^Column 6 \(Zainteresowania\): Unknown interest/) },
      { path: 'rows[4].offsets', message: expect.stringMatching(/^Column 7 \(Przypomnienia\): /) },
      { path: 'rows[4].offsets', message: expect.stringMatching(/^Column 7 \(Przypomnienia\): /) },
    ]);
    // Rows whose shape is right but whose deadline is past or does not exist are named too, once the shapes are fixed.
    const dates = Buffer.from('Program;Identyfikator naboru;Tytuł;Adres;Termin\nErasmus+;DATES-1;Tytuł;https://a.eu/;2020-01-01T10:00\nErasmus+;DATES-2;Tytuł;https://a.eu/;2027-03-28T02:30\nErasmus+;DATES-3;Tytuł;https://a.eu/;2027-03-05T12:00\n');
    const refused = await postCsv(api.baseUrl(), await adminToken(), dates);
    expect(refused.json.error.fields).toEqual([
      { path: 'rows[2].deadline', message: expect.stringMatching(/already passed/) },
      { path: 'rows[3].deadline', message: expect.stringMatching(/does not exist/) },
    ]);
    expect(await listedWith('DATES-')).toEqual([]);
    expect(await listedWith('KA2;')).toEqual([]);
  });

  it('refuses an unknown column, a file that is not CSV, and an unreadable one', async () => {
    const unknown = await postCsv(api.baseUrl(), await adminToken(), Buffer.from('Program;Kolor\nErasmus+;zielony\n'));
    expect(unknown.json.error.fields).toEqual(expect.arrayContaining([{ path: 'header[2]', message: expect.stringMatching(/Kolor/) }, { path: 'header', message: expect.stringMatching(/identyfikator naboru/) }]));
    const json = await api.call('POST', '/admin/grants/import', { role: 'admin', json: { rows: [] } });
    expect(json.status).toBe(415);
    const broken = await postCsv(api.baseUrl(), await adminToken(), Buffer.from('Program;Tytuł\n"Erasmus+;x\n'));
    expect([broken.status, broken.json.error.code]).toEqual([400, 'SPREADSHEET_UNREADABLE']);
    expect((await api.call('POST', '/admin/grants/import', { role: 'viewer', headers: { 'content-type': 'text/csv' } })).status).toBe(403);
  });

  it('past 100 items, stages the import and shows every call at once; a crashed import stays hidden and its retry completes it without duplicates', { timeout: 120_000 }, async () => {
    const file = bulkFile(150, 'BULK');
    // An attempt that dies after writing some of its calls (as a killed function would): its calls are written, the import never committed.
    const rows = grantImportRows(readSpreadsheet(file));
    const crashing = {
      ...callImportRepository,
      importStaged: async (...args: Parameters<typeof callImportRepository.importStaged>) => {
        const [callImport, entries] = args;
        await glokal.entities.grantImport.create(callImport).go();
        for (const { call } of entries.slice(0, 60)) await glokal.entities.fundingCall.put(call).go();
        throw new Error('the function was killed');
      },
    };
    await expect(importCalls(rows, 'office-import-2027-01', { subject: 'admin-test' }, { ...grantImportDependencies, imports: crashing })).rejects.toThrow('killed');
    expect(await listedWith('BULK-')).toEqual([]);

    const retried = await postCsv(api.baseUrl(), await adminToken(), file, { 'idempotency-key': 'office-import-2027-01' });
    expect(retried.status, retried.text).toBe(201);
    expect(retried.json).toMatchObject({ mode: 'staged', count: 150, encoding: 'utf-8', delimiter: ';' });
    const listed = await listedWith('BULK-');
    expect(listed).toHaveLength(150);
    expect(new Set(listed.map((call) => call.callIdentifier)).size).toBe(150);
    expect(listed.find((call) => call.callIdentifier === 'BULK-7')?.title.pl).toBe('Nabór 7 – kształcenie');

    const third = await postCsv(api.baseUrl(), await adminToken(), file, { 'idempotency-key': 'office-import-2027-01' });
    expect(third.json.count).toBe(150);
    expect(await listedWith('BULK-')).toHaveLength(150);
  });
});
