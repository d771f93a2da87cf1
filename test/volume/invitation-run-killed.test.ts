/**
 * Issue 10, item 2: "Killing the local stack in the middle of a run and
 * starting it again finishes the run with no invitation lost or sent twice."
 *
 * The real local stack, `npm start` keeping its data in files (a directory of
 * its own, LOCAL_DATA_DIR), is killed outright half way through a run:
 * SIGKILL to its process group (API, scheduler, the stream poller running the
 * invitation runner and the mailer; DynamoDB Local goes with it through its
 * launcher). It is then started again over the same DynamoDB Local files and
 * stream checkpoints, and must finish the run.
 *
 * Mail goes to a local SES outside the stack (SES_ENDPOINT), as SES in AWS
 * outlives a Lambda; the stack's own SES would take the sent mail with it.
 * Just before the kill, sends are held at a gate in front of that SES and the
 * sends it had answered are seen recorded as SENT, so the kill lands with
 * sends unanswered, which the mailer recovers from (the claim's lease
 * expires, the sweep sends again). It does not land between SES accepting a
 * send and the mailer recording it: no sender can be exactly-once there
 * without an idempotency key at SES, which SES does not offer (a kill there
 * sends that one email twice, after the lease).
 */
const ports = { http: 18540, dynamo: 18541, stackSes: 18545, ses: 18546, eventBus: 18549 };
const tableName = 'glokal-killed-run';
// This file's seeding and reads go to the spawned stack's DynamoDB Local, set before any module reads the configuration.
process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${ports.dynamo}`;
process.env.TABLE_NAME = tableName;
const { volumeEnvironment } = await import('../support/volume-environment.js');
Object.assign(process.env, volumeEnvironment);
const { copyFileSync, existsSync, mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const { afterAll, beforeAll, describe, expect, it, onTestFailed } = await import('vitest');
const { issueLocalToken } = await import('../../infra/local/local-issuer.js');
const { startLocalSes } = await import('../../infra/local/ses-local.js');
const { localSettings } = await import('../../infra/local/settings.js');
const { glokal } = await import('../../shared/adapters/dynamo/service.js');
const { invitationMessageId } = await import('../../shared/domain/events/invitation.js');
const { eventually } = await import('../support/eventually.js');
const { scheduledEvent } = await import('../support/invitations.js');
const { apiCaller } = await import('../support/local-api.js');
const { startMailGate } = await import('../support/mail-gate.js');
const { mailbox } = await import('../support/mailbox.js');
const { seededAudience } = await import('../support/member-audience.js');
const { signalGroup, spawnLocalStack, until, untilHealthy, untilNothingLeft } = await import('../support/spawned-stack.js');
type SpawnedStack = import('../support/spawned-stack.js').SpawnedStack;

// In memory-backed files where the machine has them: they outlive the killed processes as a disk would, without a busy disk's fsyncs.
const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'glokal-killed-run-'));
const call = apiCaller(() => `http://127.0.0.1:${ports.http}`);
const stackPorts = [ports.http, ports.dynamo, ports.stackSes, ports.eventBus];
let ses: Awaited<ReturnType<typeof startLocalSes>>;
let gate: Awaited<ReturnType<typeof startMailGate>>;
let stack: SpawnedStack | undefined;
const stacks: SpawnedStack[] = [];
/** When each stage ended (seconds from the test's start), printed with the result: the stages' times on this machine. */
const stages: string[] = [];
const startedAt = Date.now();
const phase = (stage: string) => stages.push(`${stage} ${Math.round((Date.now() - startedAt) / 1000)} s`);

beforeAll(async () => {
  ses = await startLocalSes(ports.ses);
  gate = await startMailGate(ports.ses);
  // The stack verifies tokens with the key in its data directory: the one this process signs with.
  await issueLocalToken({ role: 'admin' });
  copyFileSync(join(localSettings.dataDir, 'jwt-signing-key'), join(dataDir, 'jwt-signing-key'));
});

afterAll(async () => {
  if (stack) signalGroup(stack, 'SIGKILL');
  await untilNothingLeft(ports.dynamo, stackPorts);
  await gate?.stop();
  await ses?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const startStack = async () => {
  stack = spawnLocalStack({
    PORT: String(ports.http),
    DYNAMODB_PORT: String(ports.dynamo),
    SES_PORT: String(ports.stackSes),
    EVENT_BUS_PORT: String(ports.eventBus),
    TABLE_NAME: tableName,
    LOCAL_DATA_DIR: dataDir,
    SES_ENDPOINT: gate.url,
    ...volumeEnvironment,
  });
  stacks.push(stack);
  await untilHealthy(stack, ports.http);
  return stack;
};

describe('an invitation run whose local stack is killed half way', () => {
  it('finishes after a restart over the same data, with every invitation email sent exactly once', { timeout: 900_000 }, async () => {
    onTestFailed(() => console.error(`${stages.join(', ')}\n${stacks.map((one) => one.output().slice(-5_000)).join('\n----- restarted -----\n')}`));
    const first = await startStack();
    phase('stack up');
    const audience = await seededAudience({ members: 100, contactsPerMember: 10, label: 'killed' });
    const invitees = new Map(audience.contacts.map((contact) => [contact.email, contact]));
    phase('seeded');
    const eventId = await scheduledEvent(call, { capacity: 2_000 });
    expect((await call('POST', `/admin/events/${eventId}/invitations`, { role: 'admin' })).status).toBe(202);

    // The newest run's progress; undefined while the API answers otherwise than 200 (DynamoDB Local busy, the stack restarting).
    const latestRun = async () => {
      const answer = await call('GET', `/admin/events/${eventId}`, { role: 'viewer' }).catch(() => undefined);
      return answer?.status === 200 ? answer.json.invitationRuns[0] : undefined;
    };
    const halfWay = await eventually(latestRun, (run) => run !== undefined && (run.invited >= invitees.size / 2 || run.status !== 'RUNNING'), 240_000, 200);
    expect(halfWay, 'the kill must come while the run is running').toMatchObject({ status: 'RUNNING' });

    phase('half way');
    await gate.closed();
    const mail = mailbox(`http://127.0.0.1:${ports.ses}`);
    // Every send SES has answered is recorded by the mailer before the kill (new sends wait at the gate meanwhile).
    const acknowledged = (await mail.emails()).map((email) => invitationMessageId(eventId, invitees.get(email.destination.to[0]!)!.contactId));
    await until(
      async () => {
        const { data } = await glokal.entities.outboxMessage.get(acknowledged.map((messageId) => ({ messageId }))).go({ attributes: ['status'] });
        return data.length === acknowledged.length && data.every((message) => message.status === 'SENT');
      },
      60_000,
      'the mailer did not record the sends SES had answered',
    );
    const killedAt = Date.now();
    signalGroup(first, 'SIGKILL');
    await first.exited;
    const heldSends = gate.open();
    const sentBeforeKill = acknowledged.length;
    // The launcher takes DynamoDB Local down with the stack; the ports must be free before the restart.
    await untilNothingLeft(ports.dynamo, stackPorts, first.output);

    phase('killed, nothing left');
    const second = await startStack();
    // Same table, same stream: nothing was created anew.
    expect(second.output()).toContain(`table ${tableName} unchanged (data in ${dataDir})`);
    phase('restarted');
    const done = await eventually(latestRun, (run) => run !== undefined && run.status !== 'RUNNING', 300_000, 1_000);
    expect(done, second.output().slice(-3_000)).toMatchObject({ status: 'DONE', skipped: 0 });
    // A step cut off by the kill is taken again: what it had written is found already invited, never invited twice.
    expect(done.invited + done.alreadyInvited).toBe(invitees.size);

    phase('run done');
    const toInvitee = (email: { destination: { to: string[] } }) => invitees.has(email.destination.to[0]!);
    const arrived = await mail.waitFor(toInvitee, invitees.size, 300_000);
    const emailsPerAddress = new Map<string, typeof arrived>();
    for (const email of arrived) emailsPerAddress.set(email.destination.to[0]!, [...(emailsPerAddress.get(email.destination.to[0]!) ?? []), email]);
    const doubled = [...emailsPerAddress.entries()].filter(([, emails]) => emails.length > 1);
    const doubledMessages = await Promise.all(
      doubled.map(async ([address, emails]) => {
        const contact = invitees.get(address)!;
        const { data } = await glokal.entities.outboxMessage.get({ messageId: invitationMessageId(eventId, contact.contactId) }).go();
        return { address, at: emails.map((email) => email.at), attempts: data?.attempts, status: data?.status };
      }),
    );
    expect(doubledMessages, `killed at ${new Date(killedAt).toISOString()}`).toEqual([]);
    expect(arrived).toHaveLength(invitees.size);
    expect(emailsPerAddress.size).toBe(invitees.size);

    phase('mail arrived');
    const { data: messages, unprocessed } = await glokal.entities.outboxMessage
      .get(audience.contacts.map((contact) => ({ messageId: invitationMessageId(eventId, contact.contactId) })))
      .go({ concurrency: 2, attributes: ['messageId', 'to', 'status', 'attempts', 'sesMessageId'] });
    expect(unprocessed).toEqual([]);
    const sesIdByAddress = new Map(arrived.map((email) => [email.destination.to[0]!, email.messageId]));
    const stored = new Map(messages.map((message) => [message.messageId, message]));
    // Each invitation's outbox message is SENT, as the one email that arrived.
    expect(
      audience.contacts.map((contact) => {
        const message = stored.get(invitationMessageId(eventId, contact.contactId));
        return { to: message?.to, status: message?.status, sesMessageId: message?.sesMessageId };
      }),
    ).toEqual(audience.contacts.map((contact) => ({ to: contact.email, status: 'SENT', sesMessageId: sesIdByAddress.get(contact.email) })));
    // Every message is SENT, so nothing more can go out: the count stands.
    expect((await mail.emails()).filter(toInvitee)).toHaveLength(invitees.size);
    phase('checked');
    console.info(
      `${stages.join(', ')}; killed at ${halfWay.invited} of ${invitees.size} invited, ${sentBeforeKill} emails sent, ${heldSends} sends unanswered; ` +
        `after the restart: ${done.alreadyInvited} found already invited, ${messages.filter((message) => (message.attempts ?? 0) > 1).length} claimed again after their lease expired`,
    );

    // Ctrl-C stops the restarted stack and leaves nothing behind (no Java, every port free).
    signalGroup(second, 'SIGINT');
    await second.exited;
    await untilNothingLeft(ports.dynamo, stackPorts, second.output);
  });
});

export {};
