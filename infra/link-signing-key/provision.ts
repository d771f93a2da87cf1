import { CloudFormationClient, DescribeStackResourceCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, ParameterAlreadyExists, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { randomBytes } from 'node:crypto';
import { setTimeout as pauseFor } from 'node:timers/promises';

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
  /** Waits between attempts while a new role's permissions reach every IAM endpoint. */
  pause?: (ms: number) => Promise<void>;
}

/** 48 random bytes: 64 URL-safe characters, as long as the key the stack generated before. */
export const newLinkSigningKey = () => randomBytes(48).toString('base64url');

const putByHand = (name: string) =>
  `put the key in use there by hand (aws ssm put-parameter --type SecureString --name ${name} --value …), or, knowing that every link already sent stops working and suppressions no longer match, a new one`;

/**
 * Makes sure the link-signing key exists as an SSM SecureString (free, where
 * a Secrets Manager secret costs $0.40 a month; CloudFormation cannot create a
 * SecureString itself). A key already there is never replaced, and a new one
 * is generated only while the stack itself is being created: links in emails
 * already sent and suppressions hashed with the key must keep working. A
 * stack deployed with the earlier secret gets that secret's key; any other
 * stack without the parameter is an error to settle by hand, never a silent
 * new key. Delete leaves the key, as the stack leaves the table it protects.
 */
export async function provisionLinkSigningKey(event: KeyResourceEvent, stores: KeyStores): Promise<string> {
  const { ParameterName: name } = event.ResourceProperties;
  if (event.RequestType === 'Delete') return event.PhysicalResourceId ?? name;
  if (await withIamSettling(() => parameterExists(name, stores), stores)) return name;
  if (event.RequestType === 'Update') throw new Error(`The parameter ${name} is missing: ${putByHand(name)}`);
  const key = (await stackIsBeingCreated(event, stores)) ? stores.newKey() : await legacyKey(event, stores);
  if (key === undefined) throw new Error(`This stack has neither the parameter ${name} nor the secret ${event.ResourceProperties.LegacySecretLogicalId} it kept the key in before: ${putByHand(name)}`);
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

async function stackIsBeingCreated(event: KeyResourceEvent, { stacks }: KeyStores): Promise<boolean> {
  const { Stacks = [] } = await stacks.send(new DescribeStacksCommand({ StackName: event.StackId }));
  return Stacks[0]?.StackStatus === 'CREATE_IN_PROGRESS';
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

/**
 * The provisioner runs right after its role's policy is created, and IAM is
 * eventually consistent: its first calls may be refused for a few seconds.
 * Asks again (2, 4, 8, 8 s) before giving up. One policy grants every call
 * this makes, so once the first gets through the others do too.
 */
async function withIamSettling<T>(call: () => Promise<T>, { pause = pauseFor }: KeyStores): Promise<T> {
  for (const delayMs of [2_000, 4_000, 8_000, 8_000]) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof Error && /AccessDenied/.test(error.name))) throw error;
      await pause(delayMs);
    }
  }
  return call();
}
