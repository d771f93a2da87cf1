import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { respondToCloudFormation } from './cloudformation-response.js';
import { newLinkSigningKey, provisionLinkSigningKey, type KeyResourceEvent, type KeyStores } from './provision.js';

// A call that hangs must fail in seconds, leaving time to answer CloudFormation.
const clientSettings = { requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 } };
const stores: KeyStores = {
  ssm: new SSMClient(clientSettings),
  stacks: new CloudFormationClient(clientSettings),
  secrets: new SecretsManagerClient(clientSettings),
  newKey: newLinkSigningKey,
};

type InvocationContext = Pick<Context, 'logStreamName' | 'getRemainingTimeInMillis'>;

/** The link-signing key's custom resource (infra/constructs/link-signing-key.ts). */
export const handler = (event: KeyResourceEvent, context: InvocationContext) => handleKeyResource(event, context, stores);

/** Time kept back from the function's timeout to answer CloudFormation (three tries of the response URL). */
export const answerReserveMs = 40_000;

/**
 * Provisions the key and answers CloudFormation once: SUCCESS, or FAILED with
 * the reason when provisioning fails or would outlast the function (so the
 * stack rolls back instead of waiting). A SUCCESS whose answer fails to
 * arrive is retried, never turned into FAILED. Logs never hold the key.
 */
export async function handleKeyResource(event: KeyResourceEvent, context: InvocationContext, keyStores: KeyStores): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const outOfTime = new Promise<{ error: string }>((resolve) => {
    timer = setTimeout(() => resolve({ error: 'Provisioning did not finish in time' }), Math.max(0, context.getRemainingTimeInMillis() - answerReserveMs));
  });
  const outcome = await Promise.race([
    provisionLinkSigningKey(event, keyStores).then(
      (physicalResourceId) => ({ physicalResourceId }),
      (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
    ),
    outOfTime,
  ]).finally(() => clearTimeout(timer));

  const answer = { StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId };
  if ('physicalResourceId' in outcome) {
    console.log(JSON.stringify({ message: 'link-signing key in place', requestType: event.RequestType, parameter: outcome.physicalResourceId }));
    await respondToCloudFormation(event.ResponseURL, { ...answer, Status: 'SUCCESS', PhysicalResourceId: outcome.physicalResourceId });
  } else {
    console.error(JSON.stringify({ message: 'link-signing key not provisioned', requestType: event.RequestType, reason: outcome.error }));
    await respondToCloudFormation(event.ResponseURL, {
      ...answer,
      Status: 'FAILED',
      Reason: `${outcome.error} (log stream ${context.logStreamName})`,
      PhysicalResourceId: event.PhysicalResourceId ?? event.ResourceProperties.ParameterName,
    });
  }
}
