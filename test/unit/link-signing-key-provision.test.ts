import { DescribeStackResourceCommand } from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, ParameterAlreadyExists, ParameterNotFound, PutParameterCommand } from '@aws-sdk/client-ssm';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleKeyResource } from '../../infra/link-signing-key/handler.js';
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

/** SSM, CloudFormation and Secrets Manager as they answer these calls, with what is stored and every call made. */
function fakeStores({ parameter, legacySecret }: { parameter?: string; legacySecret?: string } = {}) {
  const parameters = new Map<string, { value: string; type: string }>(parameter ? [[parameterName, { value: parameter, type: 'SecureString' }]] : []);
  const calls: string[] = [];
  let generated = 0;
  const stores: KeyStores = {
    ssm: {
      send: async (command: unknown) => {
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
  };
  return { stores, parameters, calls };
}

describe('the link-signing key resource', () => {
  it('in a new stack, puts a generated key as a SecureString and never overwrites one', async () => {
    const { stores, parameters, calls } = fakeStores();
    expect(await provisionLinkSigningKey(event('Create'), stores)).toBe(parameterName);
    expect(parameters.get(parameterName)).toEqual({ value: `generated-key-1-${'g'.repeat(48)}`, type: 'SecureString' });
    expect(calls).toEqual(['ssm:GetParameter', 'cloudformation:DescribeStackResource LinkSigningKeyD9BC1425', 'ssm:PutParameter SecureString overwrite=false']);
  });

  it('in a stack deployed with the secret, carries its key over unchanged, so links already sent keep working', async () => {
    const legacyKey = 'L'.repeat(64);
    const { stores, parameters, calls } = fakeStores({ legacySecret: legacyKey });
    await provisionLinkSigningKey(event('Update'), stores);
    expect(parameters.get(parameterName)?.value).toBe(legacyKey);
    expect(calls).toContain(`secretsmanager:GetSecretValue ${legacyArn}`);
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
    const { stores, parameters } = fakeStores({ legacySecret: 'short' });
    await expect(provisionLinkSigningKey(event('Update'), stores)).rejects.toThrow(/at least 32 characters/);
    expect(parameters.size).toBe(0);
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

  /** A stand-in for the pre-signed response URL, keeping each PUT it receives. */
  async function responseUrl() {
    const received: Array<{ method?: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }> = [];
    const server = createServer((request, answer) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method, headers: request.headers, body: JSON.parse(body) as Record<string, unknown> });
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
    await handleKeyResource(event('Create', url), { logStreamName: 'stream-1' }, stores);
    expect(received).toHaveLength(1);
    expect(received[0]!.method).toBe('PUT');
    expect(received[0]!.headers['content-type']).toBe('');
    expect(received[0]!.body).toEqual({ Status: 'SUCCESS', PhysicalResourceId: parameterName, StackId: stackId, RequestId: 'request-1', LogicalResourceId: 'LinkSigningKeyKey' });
    expect(logs).toHaveLength(1);
    expect(JSON.stringify([received, logs])).not.toContain(parameters.get(parameterName)!.value);
  });

  it('is FAILED with the reason and where to read more when provisioning fails, so the stack rolls back instead of waiting an hour', async () => {
    const { url, received } = await responseUrl();
    const logs = captureLogs();
    const { stores } = fakeStores({ legacySecret: 'short' });
    await handleKeyResource(event('Update', url), { logStreamName: 'stream-1' }, stores);
    expect(received[0]!.body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: parameterName });
    expect(received[0]!.body.Reason).toMatch(/at least 32 characters .*log stream stream-1/);
    expect(logs.join('\n')).toMatch(/not provisioned/);
  });
});
