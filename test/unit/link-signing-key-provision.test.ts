import { DescribeStackResourceCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, ParameterAlreadyExists, ParameterNotFound, PutParameterCommand } from '@aws-sdk/client-ssm';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerReserveMs, handleKeyResource } from '../../infra/link-signing-key/handler.js';
import { newLinkSigningKey, provisionLinkSigningKey, type KeyResourceEvent, type KeyStores } from '../../infra/link-signing-key/provision.js';

const stackId = 'arn:aws:cloudformation:eu-central-1:000000000000:stack/Glokal/0a1b2c3d';
const parameterName = '/Glokal/link-signing-key';
const legacyArn = 'arn:aws:secretsmanager:eu-central-1:000000000000:secret:LinkSigningKeyD9BC1425-AbCdEfGhIjKl-Xy12Zq';

const event = (requestType: KeyResourceEvent['RequestType'], responseUrl = 'http://127.0.0.1:1/unused'): KeyResourceEvent => ({
  RequestType: requestType,
  ResponseURL: responseUrl,
  StackId: stackId,
  RequestId: 'request-1',
  LogicalResourceId: 'LinkSigningKeyKey',
  ...(requestType === 'Create' ? {} : { PhysicalResourceId: parameterName }),
  ResourceProperties: { ParameterName: parameterName, LegacySecretLogicalId: 'LinkSigningKeyD9BC1425' },
});

interface FakeAccount {
  parameter?: string;
  legacySecret?: string;
  /** The stack's status while the resource is created or updated: a new stack is CREATE_IN_PROGRESS. */
  stackStatus?: string;
  /** How many of the first SSM calls IAM still refuses (a role just created). */
  refusals?: number;
  /** An SSM call that never answers. */
  ssmHangs?: boolean;
}

/** SSM, CloudFormation and Secrets Manager as they answer these calls, with what is stored and every call made. */
function fakeStores({ parameter, legacySecret, stackStatus = 'CREATE_IN_PROGRESS', refusals = 0, ssmHangs = false }: FakeAccount = {}) {
  const parameters = new Map<string, { value: string; type: string }>(parameter ? [[parameterName, { value: parameter, type: 'SecureString' }]] : []);
  const calls: string[] = [];
  const pauses: number[] = [];
  let generated = 0;
  let refused = 0;
  const stores: KeyStores = {
    ssm: {
      send: async (command: unknown) => {
        if (ssmHangs) return new Promise(() => undefined);
        if (refused < refusals) {
          refused++;
          calls.push('ssm: refused');
          throw Object.assign(new Error('not authorized to perform ssm:GetParameter'), { name: 'AccessDeniedException' });
        }
        if (command instanceof GetParameterCommand) {
          calls.push('ssm:GetParameter');
          if (!parameters.has(command.input.Name!)) throw new ParameterNotFound({ message: 'not found', $metadata: {} });
          return { Parameter: { Name: command.input.Name, Type: 'SecureString' } };
        }
        if (command instanceof PutParameterCommand) {
          calls.push(`ssm:PutParameter ${command.input.Type} overwrite=${command.input.Overwrite}`);
          if (parameters.has(command.input.Name!) && !command.input.Overwrite) throw new ParameterAlreadyExists({ message: 'exists', $metadata: {} });
          parameters.set(command.input.Name!, { value: command.input.Value!, type: command.input.Type! });
          return {};
        }
        throw new Error('unexpected SSM call');
      },
    } as KeyStores['ssm'],
    stacks: {
      send: async (command: unknown) => {
        if (command instanceof DescribeStacksCommand) {
          calls.push('cloudformation:DescribeStacks');
          return { Stacks: [{ StackId: stackId, StackStatus: stackStatus }] };
        }
        if (!(command instanceof DescribeStackResourceCommand)) throw new Error('unexpected CloudFormation call');
        calls.push(`cloudformation:DescribeStackResource ${command.input.LogicalResourceId}`);
        if (legacySecret === undefined) throw new Error(`Resource ${command.input.LogicalResourceId} does not exist for stack Glokal`);
        return { StackResourceDetail: { PhysicalResourceId: legacyArn } };
      },
    } as KeyStores['stacks'],
    secrets: {
      send: async (command: unknown) => {
        if (!(command instanceof GetSecretValueCommand)) throw new Error('unexpected Secrets Manager call');
        calls.push(`secretsmanager:GetSecretValue ${command.input.SecretId}`);
        return { SecretString: legacySecret };
      },
    } as KeyStores['secrets'],
    newKey: () => `generated-key-${++generated}-${'g'.repeat(48)}`,
    pause: async (ms) => void pauses.push(ms),
  };
  return { stores, parameters, calls, pauses };
}

describe('the link-signing key resource', () => {
  it('in a stack being created, puts a generated key as a SecureString and never overwrites one', async () => {
    const { stores, parameters, calls } = fakeStores({ stackStatus: 'CREATE_IN_PROGRESS' });
    expect(await provisionLinkSigningKey(event('Create'), stores)).toBe(parameterName);
    expect(parameters.get(parameterName)).toEqual({ value: `generated-key-1-${'g'.repeat(48)}`, type: 'SecureString' });
    expect(calls).toEqual(['ssm:GetParameter', 'cloudformation:DescribeStacks', 'ssm:PutParameter SecureString overwrite=false']);
  });

  it('in a stack deployed with the secret, carries its key over unchanged, so links already sent keep working', async () => {
    const legacyKey = 'L'.repeat(64);
    const { stores, parameters, calls } = fakeStores({ legacySecret: legacyKey, stackStatus: 'UPDATE_IN_PROGRESS' });
    await provisionLinkSigningKey(event('Create'), stores);
    expect(parameters.get(parameterName)?.value).toBe(legacyKey);
    expect(calls).toContain(`secretsmanager:GetSecretValue ${legacyArn}`);
  });

  it('never generates a key for a stack that already runs: no parameter and no earlier secret is an error saying what to do', async () => {
    const cases: Array<[KeyResourceEvent['RequestType'], FakeAccount]> = [
      ['Create', { stackStatus: 'UPDATE_IN_PROGRESS' }],
      ['Update', { stackStatus: 'UPDATE_IN_PROGRESS', legacySecret: 'L'.repeat(64) }],
    ];
    for (const [requestType, account] of cases) {
      const { stores, parameters } = fakeStores(account);
      await expect(provisionLinkSigningKey(event(requestType), stores), requestType).rejects.toThrow(/aws ssm put-parameter --type SecureString --name \/Glokal\/link-signing-key/);
      expect(parameters.size, requestType).toBe(0);
    }
  });

  it('keeps a key that is already there, on create (a stack made again over its kept key) and update alike', async () => {
    for (const requestType of ['Create', 'Update'] as const) {
      const { stores, parameters, calls } = fakeStores({ parameter: 'kept-key', legacySecret: 'L'.repeat(64) });
      await provisionLinkSigningKey(event(requestType), stores);
      expect(parameters.get(parameterName)?.value).toBe('kept-key');
      expect(calls).toEqual(['ssm:GetParameter']);
    }
  });

  it('leaves the key when the stack deletes the resource, as the stack leaves the table', async () => {
    const { stores, parameters, calls } = fakeStores({ parameter: 'kept-key' });
    expect(await provisionLinkSigningKey(event('Delete'), stores)).toBe(parameterName);
    expect(parameters.get(parameterName)?.value).toBe('kept-key');
    expect(calls).toEqual([]);
  });

  it('refuses to carry over an earlier secret too short to be a key, rather than generating a new one', async () => {
    const { stores, parameters } = fakeStores({ legacySecret: 'short', stackStatus: 'UPDATE_IN_PROGRESS' });
    await expect(provisionLinkSigningKey(event('Create'), stores)).rejects.toThrow(/at least 32 characters/);
    expect(parameters.size).toBe(0);
  });

  it('waits for a new role’s permissions (refused at first, as IAM settles) instead of failing the deploy; gives up after five tries', async () => {
    const settling = fakeStores({ refusals: 2 });
    await provisionLinkSigningKey(event('Create'), settling.stores);
    expect(settling.pauses).toEqual([2_000, 4_000]);
    expect(settling.parameters.has(parameterName)).toBe(true);

    const denied = fakeStores({ refusals: 99 });
    await expect(provisionLinkSigningKey(event('Create'), denied.stores)).rejects.toThrow(/not authorized/);
    expect(denied.pauses).toEqual([2_000, 4_000, 8_000, 8_000]);
    expect(denied.parameters.size).toBe(0);
  });

  it('generates 64 URL-safe characters from 48 random bytes, a new key each time', () => {
    const [first, second] = [newLinkSigningKey(), newLinkSigningKey()];
    expect(first).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(second).not.toBe(first);
  });
});

describe('its answer to CloudFormation', () => {
  let close: (() => void) | undefined;
  afterEach(() => {
    close?.();
    vi.restoreAllMocks();
  });
  /** What the function logs, as CloudWatch would keep it. */
  const captureLogs = () => {
    const lines: string[] = [];
    for (const method of ['log', 'error'] as const) vi.spyOn(console, method).mockImplementation((line: string) => void lines.push(line));
    return lines;
  };

  /** Lambda's context with this much time left. */
  const context = (remainingMs = 120_000) => ({ logStreamName: 'stream-1', getRemainingTimeInMillis: () => remainingMs });

  /** A stand-in for the pre-signed response URL, keeping each PUT it receives; the first `failures` answer 500. */
  async function responseUrl(failures = 0) {
    const received: Array<{ method?: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }> = [];
    const server = createServer((request, answer) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method, headers: request.headers, body: JSON.parse(body) as Record<string, unknown> });
        answer.statusCode = received.length <= failures ? 500 : 200;
        answer.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => server.close();
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/response?X-Amz-Signature=abc`, received };
  }

  it('is SUCCESS with the parameter as the physical id, sent as a PUT with an empty content type; the key is in no answer or log', async () => {
    const { url, received } = await responseUrl();
    const logs = captureLogs();
    const { stores, parameters } = fakeStores();
    await handleKeyResource(event('Create', url), context(), stores);
    expect(received).toHaveLength(1);
    expect(received[0]!.method).toBe('PUT');
    expect(received[0]!.headers['content-type']).toBe('');
    expect(received[0]!.body).toEqual({ Status: 'SUCCESS', PhysicalResourceId: parameterName, StackId: stackId, RequestId: 'request-1', LogicalResourceId: 'LinkSigningKeyKey' });
    expect(logs).toHaveLength(1);
    expect(JSON.stringify([received, logs])).not.toContain(parameters.get(parameterName)!.value);
  });

  it('sends a SUCCESS the response URL did not take again, never a FAILED for a deploy that worked', async () => {
    const { url, received } = await responseUrl(1);
    captureLogs();
    const { stores } = fakeStores();
    await handleKeyResource(event('Create', url), context(), stores);
    expect(received.map((put) => put.body.Status)).toEqual(['SUCCESS', 'SUCCESS']);
  });

  it('is FAILED with the reason and where to read more when provisioning fails, so the stack rolls back instead of waiting', async () => {
    const { url, received } = await responseUrl();
    const logs = captureLogs();
    const { stores } = fakeStores({ legacySecret: 'short', stackStatus: 'UPDATE_IN_PROGRESS' });
    await handleKeyResource(event('Create', url), context(), stores);
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: parameterName });
    expect(received[0]!.body.Reason).toMatch(/at least 32 characters .*log stream stream-1/);
    expect(logs.join('\n')).toMatch(/not provisioned/);
  });

  it('is FAILED, while there is still time to say so, when provisioning hangs', async () => {
    const { url, received } = await responseUrl();
    captureLogs();
    const { stores } = fakeStores({ ssmHangs: true });
    const started = Date.now();
    await handleKeyResource(event('Create', url), context(answerReserveMs + 200), stores);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(/did not finish in time/) });
  });
});
