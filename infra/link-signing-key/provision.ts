import { CloudFormationClient, DescribeStackResourceCommand } from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, ParameterAlreadyExists, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { randomBytes } from 'node:crypto';

/** What CloudFormation sends a custom resource's function (the fields this one reads). */
export interface KeyResourceEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceProperties: {
    /** The SSM parameter that holds the key. */
    ParameterName: string;
    /** Logical id of the Secrets Manager secret earlier versions of the stack kept the key in. */
    LegacySecretLogicalId: string;
  };
}

export interface KeyStores {
  ssm: Pick<SSMClient, 'send'>;
  stacks: Pick<CloudFormationClient, 'send'>;
  secrets: Pick<SecretsManagerClient, 'send'>;
  newKey: () => string;
}

/** 48 random bytes: 64 URL-safe characters, as long as the key the stack generated before. */
export const newLinkSigningKey = () => randomBytes(48).toString('base64url');

/**
 * Makes sure the link-signing key exists as an SSM SecureString (free, where
 * a Secrets Manager secret costs $0.40 a month; CloudFormation cannot create a
 * SecureString itself). A key already there is never replaced: links in
 * emails already sent and suppressions hashed with it must keep working. The
 * first time, the key of an earlier deployment's secret in this stack is
 * carried over; only where there is none is a new one generated. Delete
 * leaves the key, as the stack leaves the table it protects.
 */
export async function provisionLinkSigningKey(event: KeyResourceEvent, stores: KeyStores): Promise<string> {
  const { ParameterName: name } = event.ResourceProperties;
  if (event.RequestType === 'Delete') return event.PhysicalResourceId ?? name;
  if (await parameterExists(name, stores)) return name;
  const key = (await legacyKey(event, stores)) ?? stores.newKey();
  try {
    await stores.ssm.send(
      new PutParameterCommand({
        Name: name,
        Value: key,
        Type: 'SecureString',
        Tier: 'Standard',
        Overwrite: false,
        Description: 'Signs the preference (unsubscribe) links in member communications',
      }),
    );
  } catch (error) {
    // Another deployment put it between our read and write: theirs stands.
    if (!(error instanceof ParameterAlreadyExists)) throw error;
  }
  return name;
}

async function parameterExists(name: string, { ssm }: KeyStores): Promise<boolean> {
  try {
    await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: false }));
    return true;
  } catch (error) {
    if (error instanceof ParameterNotFound) return false;
    throw error;
  }
}

/**
 * The key in the secret an earlier version of this stack made. While the
 * update that replaces it runs, CloudFormation still lists the secret (it is
 * deleted only in the update's clean-up), which is what makes this lookup
 * certain; a stack that never had one answers that the resource does not exist.
 */
async function legacyKey(event: KeyResourceEvent, { stacks, secrets }: KeyStores): Promise<string | undefined> {
  let secretArn: string | undefined;
  try {
    const { StackResourceDetail } = await stacks.send(
      new DescribeStackResourceCommand({ StackName: event.StackId, LogicalResourceId: event.ResourceProperties.LegacySecretLogicalId }),
    );
    secretArn = StackResourceDetail?.PhysicalResourceId;
  } catch (error) {
    if (error instanceof Error && /does not exist/i.test(error.message)) return undefined;
    throw error;
  }
  if (!secretArn) return undefined;
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!SecretString || SecretString.length < 32) throw new Error(`The secret ${secretArn} holds no key of at least 32 characters`);
  return SecretString;
}
