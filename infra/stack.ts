import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { metricDimensions, metricNames, metricNamespace } from '../shared/platform/metrics.js';
import type { Construct } from 'constructs';
import { AdminUsers } from './constructs/admin-users.js';
import { Alarms } from './constructs/alarms.js';
import { DataTable } from './constructs/data-table.js';
import { PublicApi } from './constructs/http-api.js';
import { Mail } from './constructs/mail.js';
import { LinkSigningKey } from './constructs/link-signing-key.js';
import { ProjectFunction } from './constructs/project-function.js';
import { Schedules, type ScheduledFunction } from './constructs/schedules.js';
import type { FunctionDeclaration } from './manifest-types.js';
import { acknowledge } from './nag-acknowledgements.js';
import type { DeploymentSettings } from './settings.js';

export interface GlokalStackProps extends StackProps {
  manifest: readonly FunctionDeclaration[];
  settings: DeploymentSettings;
}

/** The whole product in one stack, generated from the function manifest. */
export class GlokalStack extends Stack {
  constructor(scope: Construct, id: string, { manifest, settings, ...props }: GlokalStackProps) {
    super(scope, id, props);
    const { table } = new DataTable(this, 'Data');
    const users = new AdminUsers(this, 'AdminUsers');
    const mail = new Mail(this, 'Mail', { sendingDomain: settings.sendingDomain });
    const alarms = new Alarms(this, 'Alarms', { alarmEmail: settings.alarmEmail });
    const api = new PublicApi(this, 'Http', { userPool: users.userPool, userPoolClient: users.client, allowedOrigins: settings.allowedOrigins });
    const deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    alarms.deadLetters('triggers', deadLetters);
    acknowledge.deadLetterQueue(deadLetters);
    acknowledge.adminUserPool(users.userPool);
    acknowledge.alarmTopic(alarms.topic);
    // Custom metrics carry the dimensions Powertools Metrics emits (namespace and `service`); an alarm with other dimensions watches nothing.
    const customMetric = (metricName: string, statistic: string) =>
      new Metric({ namespace: metricNamespace, metricName, dimensionsMap: metricDimensions, statistic, period: Duration.minutes(5) });
    alarms.metric('emails-failed', customMetric(metricNames.emailsFailed, 'Sum'), 'Emails were given up on: see GET /admin/outbox?status=FAILED');
    alarms.metric(
      'oldest-pending-email',
      customMetric(metricNames.oldestPendingEmailAge, 'Maximum'),
      'An email has been due for 15 minutes and is still not sent: the mailer is stuck or SES refuses it (see the mailer logs and GET /admin/outbox?status=PENDING)',
      // The stream delivers at once and the sweep retries every minute; at the default send rate 15 minutes clear thousands of emails.
      { threshold: 15 * 60 },
    );

    // Signs preference links; kept outside the table so a table export holds no working link.
    const linkSigningKey = new LinkSigningKey(this, 'LinkSigningKey');

    const environment = {
      TABLE_NAME: table.tableName,
      LINK_SIGNING_KEY_PARAMETER: linkSigningKey.parameterName,
      MAIL_FROM: settings.mailFrom,
      SES_CONFIGURATION_SET: mail.configurationSet.configurationSetName,
      PUBLIC_BASE_URL: settings.publicBaseUrl ?? api.api.apiEndpoint,
      ADMIN_EMAILS: settings.adminEmails,
    };

    const scheduled: ScheduledFunction[] = [];
    for (const declaration of manifest) {
      const projectFunction = new ProjectFunction(this, declaration.name, { declaration, environment });
      const fn = projectFunction.function;
      acknowledge.lambdaBasics(fn);
      if (declaration.table === 'read') table.grantReadData(fn);
      if (declaration.table === 'readwrite') table.grantReadWriteData(fn);
      if (declaration.table !== 'none') acknowledge.tableIndexes(fn, table);
      if (declaration.sendsMail) mail.grantSend(fn);
      // The mailer signs preference links; the settings page signs, and the colleagues form checks, the link between them. Other pages look tokens up by hash.
      if (declaration.sendsMail || declaration.readsLinkSigningKey) linkSigningKey.grantRead(fn);

      declaration.triggers.forEach((trigger, index) => {
        switch (trigger.kind) {
          case 'http':
            api.addRoute({ route: trigger.route, handler: fn, functionName: declaration.name });
            break;
          case 'schedule':
            scheduled.push({ functionName: declaration.name, index, trigger, handler: fn });
            break;
          case 'table-stream':
            fn.addEventSource(
              new DynamoEventSource(table, {
                // The mapping's settings come from the manifest, which the local stream poller follows too.
                startingPosition: StartingPosition[trigger.startingPosition],
                batchSize: trigger.batchSize,
                filters: [FilterCriteria.filter(trigger.filter)],
                bisectBatchOnError: trigger.bisectBatchOnError,
                retryAttempts: trigger.retryAttempts,
                // The mailer answers partial failures through Powertools Batch (functions/mail/deliver-outbox.ts).
                reportBatchItemFailures: trigger.reportBatchItemFailures,
                onFailure: new SqsDlq(deadLetters),
              }),
            );
            break;
          case 'event-bus':
            new Rule(this, `${declaration.name}-rule-${index}`, {
              eventPattern: { source: trigger.pattern.source, detailType: trigger.pattern['detail-type'] },
              targets: [new LambdaFunction(fn, { deadLetterQueue: deadLetters, retryAttempts: 3 })],
            });
            break;
        }
      });
    }
    new Schedules(this, 'Schedules', { schedules: scheduled, deadLetterQueue: deadLetters });
    alarms.functionErrors();

    new CfnOutput(this, 'ApiUrl', { value: api.api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: users.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'LinkSigningKeyParameter', { value: linkSigningKey.parameterName, description: 'For npm run migrate -- --aws' });
  }
}
