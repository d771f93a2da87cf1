import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { countMetric, metricNames, metrics } from '../../shared/platform/metrics.js';
import { eventBusConsumers, httpRoutes, schedules, streamConsumers } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import cdkContext from '../../cdk.json' with { type: 'json' };

let template: Template;

// Bundling is skipped here (it is exercised by `npx cdk synth`); the template is what is asserted.
const testApp = () => new App({ context: { ...cdkContext.context, 'aws:cdk:bundling-stacks': [] } });

beforeAll(() => {
  // The template assertions do not depend on cdk-nag: a finding fails only the nag test below.
  template = Template.fromStack(buildApp(testApp(), { nag: false }).stack);
  // Synthesis takes seconds; on a busy machine more than the default hook timeout.
}, 120_000);

describe('cdk-nag (AwsSolutions)', () => {
  it('synthesises with zero unacknowledged findings', { timeout: 120_000 }, () => {
    expect(() => buildApp(testApp()).app.synth()).not.toThrow();
  });

  it('fails the synth on a finding nobody acknowledged', { timeout: 120_000 }, () => {
    const { app, stack } = buildApp(testApp());
    // A queue that accepts unencrypted connections: AwsSolutions-SQS4.
    new Queue(stack, 'UnacknowledgedQueue', { deadLetterQueue: { queue: new Queue(stack, 'Dlq', { enforceSSL: true }), maxReceiveCount: 3 } });
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
  });
});

describe('stack generated from the manifest', () => {
  it('has one Lambda function per manifest entry, and the link-signing key’s provisioner, each pinned Node.js 24 on arm64', () => {
    const functions = template.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs24.x' } });
    expect(Object.keys(functions)).toHaveLength(manifest.length + 1);
    template.hasResourceProperties('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('^Deploy time: puts the link-signing key') });
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
    for (const declaration of manifest) {
      template.hasResourceProperties('AWS::Lambda::Function', { Description: declaration.description });
    }
  });

  it.each(httpRoutes(manifest).map(({ route }) => [`${route.method} ${route.path}`, route] as const))(
    'routes %s with its integration and the right authorizer',
    (routeKey, route) => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey,
        Target: Match.anyValue(),
        AuthorizationType: route.access === 'public' ? 'NONE' : 'JWT',
        ...(route.access === 'public' ? {} : { AuthorizerId: Match.anyValue() }),
      });
    },
  );

  it('has no route that the manifest does not declare', () => {
    const declared = httpRoutes(manifest).map(({ route }) => `${route.method} ${route.path}`).sort();
    const present = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties.RouteKey).sort();
    expect(present).toEqual(declared);
  });

  it.each(schedules(manifest).map(({ fn, trigger }) => [fn.name, trigger] as const))('schedules %s in its time zone with a dead-letter queue', (_name, trigger) => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: `cron(${trigger.cron})`,
      ScheduleExpressionTimezone: trigger.timeZone,
      Target: Match.objectLike({ DeadLetterConfig: { Arn: Match.anyValue() }, RetryPolicy: Match.anyValue() }),
    });
  });

  it('has exactly the schedules and stream consumers of the manifest', () => {
    expect(Object.keys(template.findResources('AWS::Scheduler::Schedule'))).toHaveLength(schedules(manifest).length);
    expect(Object.keys(template.findResources('AWS::Lambda::EventSourceMapping'))).toHaveLength(streamConsumers(manifest).length);
  });

  it('keeps the table: on demand, point-in-time recovery, TTL, stream, retained on delete', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      }),
    });
  });

  it('protects admin routes with a Cognito user pool that has admins and viewers groups', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT' });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admins' });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'viewers' });
  });

  it('logs API access and throttles the stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: Match.anyValue() }),
    });
  });

  it('gives the read-only function no write access to the table', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const listPolicy = Object.entries(policies).find(([id]) => id.startsWith('listapplications'));
    expect(listPolicy).toBeDefined();
    const actions = JSON.stringify(listPolicy![1].Properties.PolicyDocument.Statement);
    expect(actions).toContain('dynamodb:Query');
    expect(actions).not.toContain('dynamodb:PutItem');
  });

  it('sends mail through a configuration set that reports bounces to EventBridge', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']) }),
    });
  });

  it.each(streamConsumers(manifest).map(({ fn, trigger }) => [fn.name, trigger] as const))(
    'feeds %s from the table stream with the manifest filter and mapping settings (the local poller follows the same)',
    (_name, trigger) => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify(trigger.filter) }] },
        BatchSize: trigger.batchSize,
        StartingPosition: trigger.startingPosition,
        BisectBatchOnFunctionError: trigger.bisectBatchOnError,
        MaximumRetryAttempts: trigger.retryAttempts,
        FunctionResponseTypes: trigger.reportBatchItemFailures ? ['ReportBatchItemFailures'] : Match.absent(),
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      });
    },
  );

  it('the mailer answers partial batch failures (Powertools Batch), so its mapping reports them', () => {
    const mailer = streamConsumers(manifest).find(({ fn }) => fn.name === 'mailer');
    expect(mailer?.trigger.reportBatchItemFailures).toBe(true);
  });

  it.each(eventBusConsumers(manifest).map(({ fn, trigger }) => [fn.name, trigger] as const))('routes EventBridge events to %s', (_name, trigger) => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: trigger.pattern.source, 'detail-type': trigger.pattern['detail-type'] },
    });
  });

  it('throttles every public write route more tightly than the stage', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    const publicWrites = httpRoutes(manifest).filter(({ route }) => route.access === 'public' && route.method !== 'GET');
    expect(publicWrites.length).toBeGreaterThan(0);
    for (const { route } of publicWrites) {
      expect(stage.Properties.RouteSettings[`${route.method} ${route.path}`]).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 });
    }
    // Only those: the admin routes keep the stage's limits (they sit behind the authorizer).
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual(publicWrites.map(({ route }) => `${route.method} ${route.path}`).sort());
  });

  it('creates the stage after the throttled routes, which its RouteSettings name (a fresh deployment would fail otherwise)', () => {
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    for (const routeKey of Object.keys(stage!.Properties.RouteSettings)) {
      const [routeId] = Object.entries(routes).find(([, route]) => route.Properties.RouteKey === routeKey) ?? [];
      expect(routeId, routeKey).toBeDefined();
      expect(stage!.DependsOn ?? [], routeKey).toContain(routeId);
    }
  });

  it('lets only functions that send mail call SES', () => {
    const policies = Object.entries(template.findResources('AWS::IAM::Policy'));
    for (const declaration of manifest) {
      const policy = policies.find(([id]) => id.startsWith(declaration.name.replace(/-/g, '')));
      const statements = JSON.stringify(policy?.[1].Properties.PolicyDocument.Statement ?? []);
      expect(statements.includes('ses:SendEmail'), declaration.name).toBe(declaration.sendsMail);
    }
  });
});

describe('observability', () => {
  const alarms = () => Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties);

  it('alarms on the errors of every function through Lambda\'s account-wide Errors metric, with no dimensions', () => {
    const errorAlarms = alarms().filter((alarm) => alarm.Namespace === 'AWS/Lambda' && alarm.MetricName === 'Errors');
    expect(errorAlarms).toHaveLength(1);
    expect(errorAlarms[0]).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [expect.anything()] });
    expect(errorAlarms[0]!.Dimensions).toBeUndefined();
  });

  it('costs nothing fixed a month: alarms analyse at most the ten free metrics, no customer-managed KMS key', () => {
    const analysed = alarms().reduce((sum, alarm) => sum + (alarm.Metrics ? (alarm.Metrics as unknown[]).length : 1), 0);
    expect(analysed).toBeLessThanOrEqual(10);
    expect(Object.keys(template.findResources('AWS::KMS::Key'))).toEqual([]);
    expect(JSON.stringify(alarms())).not.toContain('SCHEMA(');
  });

  it('the EmailsFailed alarm watches exactly the namespace and dimensions Powertools Metrics emits', () => {
    countMetric(metricNames.emailsFailed);
    const emf = metrics.serializeMetrics() as Record<string, unknown> & { _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][] }> } };
    metrics.clearMetrics();
    const [directive] = emf._aws.CloudWatchMetrics;
    expect(directive!.Dimensions).toHaveLength(1);
    const emitted = directive!.Dimensions[0]!.map((name) => ({ Name: name, Value: emf[name] }));

    const alarm = alarms().find((candidate) => candidate.MetricName === metricNames.emailsFailed);
    expect(alarm).toMatchObject({ Namespace: directive!.Namespace, Statistic: 'Sum', Threshold: 1 });
    expect(alarm!.Dimensions).toEqual(emitted);
  });

  it('alarms when the oldest pending email has waited 15 minutes past its due time', () => {
    const alarm = alarms().find((candidate) => candidate.MetricName === metricNames.oldestPendingEmailAge);
    expect(alarm).toMatchObject({ Namespace: 'Glokal', Statistic: 'Maximum', Threshold: 900, ComparisonOperator: 'GreaterThanOrEqualToThreshold', Dimensions: [{ Name: 'service', Value: 'glokal' }] });
  });

  it('every function traces without recording responses or errors (personal data, tokens) in X-Ray', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs24.x' } }));
    expect(functions).toHaveLength(manifest.length + 1);
    for (const fn of functions) {
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.Environment.Variables).toMatchObject({ POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false', POWERTOOLS_TRACER_CAPTURE_ERROR: 'false' });
    }
  });
});
