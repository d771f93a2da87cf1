import { describe, expect, it } from 'vitest';
import { callRepository } from '../../shared/adapters/dynamo/grant-repository.js';
import { buildCall } from '../../shared/domain/grants/create-call.js';
import { callAuditEntry } from '../../shared/domain/grants/call-audit.js';
import { scheduledReminders } from '../../shared/domain/grants/reminder-schedule.js';
import { seededAudience } from '../support/member-audience.js';
import { dynamoRequestsDuring } from '../support/dynamo-requests.js';
import { runDay } from '../support/grants.js';

/** Open calls with their reminders in the due index, none due on the days the test runs (deadlines in 2030). */
async function openCalls(count: number) {
  const now = new Date();
  for (let index = 0; index < count; index += 1) {
    const call = buildCall(
      {
        programme: 'Erasmus+',
        callIdentifier: `COST-${index}`,
        title: { pl: `Nabór ${index}`, en: `Call ${index}` },
        url: 'https://erasmus-plus.ec.europa.eu/',
        deadline: `2030-0${1 + (index % 9)}-${String(10 + (index % 18)).padStart(2, '0')}T12:00`,
        audience: { scope: 'all' },
      },
      { callId: `cost-call-${index}`, now },
    );
    await callRepository.create(call, scheduledReminders(call), callAuditEntry({ id: `cost-audit-${index}`, at: now, actor: { subject: 'cost-test' }, action: 'grant.create', target: `grant/${call.callId}`, before: null, after: null }));
  }
}

describe('what a day with nothing due costs', () => {
  it('a handful of requests over 10,000 contacts and 200 calls: the same as over an empty table', { timeout: 900_000 }, async () => {
    const empty = await dynamoRequestsDuring(() => runDay('2028-01-10'));

    await seededAudience({ members: 2_500, contactsPerMember: 4, label: 'cost' });
    await openCalls(200);
    const full = await dynamoRequestsDuring(() => runDay('2028-01-11'));

    // Start the run, read it, read the due index (nothing due by this date), end the run.
    expect(full).toEqual(empty);
    expect(full.length).toBeLessThanOrEqual(6);
    expect(full).not.toContain('ScanCommand');
  });
});
