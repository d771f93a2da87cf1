import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { invokeFunction } from '../../infra/local/load-handler.js';
import { manifest } from '../../infra/manifest.js';
import { scheduledEvent, storedInvitation } from '../support/invitations.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail } from '../support/mailbox.js';

// No stream poller in this file: the run moves only when the sample is invoked.
const api = useLocalApi();
const sampleEventId = '6f1d2c3b-0000-4000-8000-00000000e001';
const sampleRunId = '6f1d2c3b-0000-4000-8000-0000000a0001';

describe('the sample event in events/stream/invitation-run.json', () => {
  it('takes the first step of a started run (its extra invitees), as npm run invoke runs it', async () => {
    const partner = uniqueEmail('sample-run');
    const eventId = await scheduledEvent(api.call, { extraInvitees: [{ email: partner, name: 'Hans Partner', language: 'en' }] });
    const started = await api.call('POST', `/admin/events/${eventId}/invitations`, { role: 'admin' });
    expect(started.status).toBe(202);
    const sample = JSON.parse(readFileSync('events/stream/invitation-run.json', 'utf8').replaceAll(sampleEventId, eventId).replaceAll(sampleRunId, started.json.runId));

    const answer = await invokeFunction(manifest.find((fn) => fn.name === 'invitation-runner')!, sample);
    expect(answer).toEqual({ batchItemFailures: [] });
    const [run] = (await api.call('GET', `/admin/events/${eventId}`, { role: 'viewer' })).json.invitationRuns;
    expect(run).toMatchObject({ runId: started.json.runId, step: 1, invited: 1 });
    const inviteeId = (await api.call('GET', `/admin/events/${eventId}`, { role: 'viewer' })).json.extraInvitees[0].inviteeId;
    expect(await storedInvitation(eventId, inviteeId)).toMatchObject({ email: partner, answer: 'NONE' });
  });
});
