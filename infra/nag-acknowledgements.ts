import { Stack, Validations } from 'aws-cdk-lib';
import type { CfnTable, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

/**
 * Every cdk-nag finding the stack accepts, each with the reason it is
 * acceptable. Kept in one file so a reviewer reads them all at once.
 */
export const acknowledge = {
  lambdaBasics(fn: IConstruct): void {
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The managed basic execution role only allows writing this function’s own logs.',
    });
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions.',
    });
  },
  tableIndexes(fn: IConstruct, table: TableV2): void {
    const logicalId = Stack.of(table).getLogicalId(table.node.defaultChild as CfnTable);
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/index/*]`,
      reason: 'Access patterns query the table’s own global secondary indexes; the grant is limited to this table.',
    });
  },
  /** The scheduler's invoke role is a stack-level singleton CDK creates, so the finding is acknowledged on the stack, for this function only. */
  schedulerInvokesVersions(fn: IFunction): void {
    const logicalId = Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnFunction);
    Validations.of(Stack.of(fn)).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
      reason: 'The scheduler role may invoke this one function and its versions; CDK adds the :* for qualified invocations.',
    });
  },
  publicRoute(route: IConstruct): void {
    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Public by the product contract (health, form, verification, RSVP, unsubscribe links); throttled and validated.',
    });
  },
  deadLetterQueue(queue: IConstruct): void {
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the schedules, stream and event rules; it is alarmed.',
    });
  },
  /** The link-signing key's provisioner reads the secret an earlier version of the stack kept the key in; its name ends in a suffix CloudFormation chose. */
  legacySecretLookup(fn: IConstruct, legacySecretLogicalId: string): void {
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${legacySecretLogicalId}-*]`,
      reason: 'Only the earlier link-signing-key secret of this stack, read once at deploy to carry its key over; CloudFormation appended a random suffix to its name.',
    });
  },
  alarmTopic(topic: IConstruct): void {
    Validations.of(topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'Alarm notifications carry alarm names and figures, no personal data; CloudWatch cannot publish under the AWS-managed SNS key and a customer key costs $1 a month. TLS is enforced.',
    });
  },
  adminUserPool(pool: IConstruct): void {
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'A handful of office staff with MFA required and no self sign-up; the Plus tier’s threat protection is not worth its cost here.',
    });
  },
};
