import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { respondToCloudFormation } from './cloudformation-response.js';
import { newLinkSigningKey, provisionLinkSigningKey, type KeyResourceEvent, type KeyStores } from './provision.js';

const stores: KeyStores = { ssm: new SSMClient({}), stacks: new CloudFormationClient({}), secrets: new SecretsManagerClient({}), newKey: newLinkSigningKey };

/** The link-signing key's custom resource (infra/constructs/link-signing-key.ts). */
export const handler = (event: KeyResourceEvent, context: Pick<Context, 'logStreamName'>) => handleKeyResource(event, context, stores);

/** Provisions the key and always answers CloudFormation, FAILED with the reason on an error. Logs never hold the key. */
export async function handleKeyResource(event: KeyResourceEvent, context: Pick<Context, 'logStreamName'>, keyStores: KeyStores): Promise<void> {
  const answer = { StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId };
  try {
    const physicalResourceId = await provisionLinkSigningKey(event, keyStores);
    console.log(JSON.stringify({ message: 'link-signing key in place', requestType: event.RequestType, parameter: physicalResourceId }));
    await respondToCloudFormation(event.ResponseURL, { ...answer, Status: 'SUCCESS', PhysicalResourceId: physicalResourceId });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(JSON.stringify({ message: 'link-signing key not provisioned', requestType: event.RequestType, reason }));
    await respondToCloudFormation(event.ResponseURL, {
      ...answer,
      Status: 'FAILED',
      Reason: `${reason} (log stream ${context.logStreamName})`,
      PhysicalResourceId: event.PhysicalResourceId ?? event.ResourceProperties.ParameterName,
    });
  }
}
