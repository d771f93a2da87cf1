import { ArnFormat, CustomResource, Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { acknowledge } from '../nag-acknowledgements.js';
import { ProjectFunction } from './project-function.js';

/**
 * The logical id of the Secrets Manager secret that held the key up to
 * version 9a678db of this stack; a stack deployed then has its key carried
 * over from it.
 */
export const legacySecretLogicalId = 'LinkSigningKeyD9BC1425';

/**
 * The key that signs preference links, kept outside the table so a table
 * export holds no working link: an SSM SecureString (free; a Secrets Manager
 * secret is $0.40 a month), generated at the first deploy by a custom
 * resource, since CloudFormation cannot create a SecureString. Kept when the
 * stack is deleted, like the table: suppressions are hashed with it.
 */
export class LinkSigningKey extends Construct {
  readonly parameterName: string;
  readonly parameterArn: string;
  private readonly resource: CustomResource;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    this.parameterName = `/${stack.stackName}/link-signing-key`;
    this.parameterArn = stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: this.parameterName.slice(1), arnFormat: ArnFormat.SLASH_RESOURCE_NAME });

    const provisioner = new ProjectFunction(this, 'Provisioner', {
      declaration: {
        name: 'link-signing-key',
        entry: 'infra/link-signing-key/handler.ts',
        description: 'Deploy time: puts the link-signing key in SSM (carried over from the earlier secret, else generated)',
        // Room for IAM to settle (up to 22 s), the calls, and the answer to CloudFormation (handler.ts keeps 40 s for it).
        timeoutSeconds: 120,
        memoryMb: 256,
      },
      environment: {},
    }).function;
    acknowledge.lambdaBasics(provisioner);
    provisioner.addToRolePolicy(new PolicyStatement({ actions: ['ssm:GetParameter', 'ssm:PutParameter'], resources: [this.parameterArn] }));
    provisioner.addToRolePolicy(new PolicyStatement({ actions: ['cloudformation:DescribeStacks', 'cloudformation:DescribeStackResource'], resources: [stack.stackId] }));
    // CloudFormation named the secret <logical id>-<random>, and Secrets Manager adds a suffix of its own to the ARN.
    const legacySecret = stack.formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `${legacySecretLogicalId}-*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    provisioner.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [legacySecret] }));
    acknowledge.legacySecretLookup(provisioner, legacySecretLogicalId);

    this.resource = new CustomResource(this, 'Key', {
      serviceToken: provisioner.functionArn,
      resourceType: 'Custom::LinkSigningKey',
      // Past the function's own timeout: should it die without answering, the stack fails in minutes, not the default hour.
      serviceTimeout: Duration.minutes(4),
      properties: { ParameterName: this.parameterName, LegacySecretLogicalId: legacySecretLogicalId },
    });
  }

  /** Lets a function read the key, and deploys it only once the key exists. */
  grantRead(fn: IFunction): void {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['ssm:GetParameter'], resources: [this.parameterArn] }));
    fn.node.addDependency(this.resource);
  }
}
