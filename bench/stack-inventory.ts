import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkContext from '../cdk.json' with { type: 'json' };
import { buildApp } from '../infra/app.js';

/**
 * What the stack holds that costs money every month whatever the traffic:
 * alarms (and the metrics each analyses), customer-managed KMS keys, secrets,
 * SSM parameters (free in the standard tier), log groups and their retention. Read from the synthesised template (without
 * bundling), so it follows the stack.
 */
export interface StackInventory {
  alarms: number;
  /** Metrics the alarms analyse: one per plain alarm, one per function a Metrics Insights query covers. */
  alarmMetrics: number;
  kmsKeys: number;
  secrets: number;
  /** SecureStrings the stack's custom resources put in SSM (CloudFormation cannot declare them). */
  secureStringParameters: number;
  logGroups: number;
  logRetentionDays: number[];
  functions: number;
}

export function stackInventory(): StackInventory {
  const app = new App({ context: { ...cdkContext.context, 'aws:cdk:bundling-stacks': [] } });
  const template = Template.fromStack(buildApp(app, { nag: false }).stack);
  const of = (type: string) => Object.values(template.findResources(type)) as Array<{ Properties: Record<string, any> }>;
  const alarms = of('AWS::CloudWatch::Alarm');
  const alarmMetrics = alarms.reduce((sum, alarm) => {
    const query = JSON.stringify(alarm.Properties.Metrics ?? []);
    const covered = (query.match(/FunctionName = /g) ?? []).length;
    return sum + Math.max(1, covered);
  }, 0);
  const logGroups = of('AWS::Logs::LogGroup');
  return {
    alarms: alarms.length,
    alarmMetrics,
    kmsKeys: of('AWS::KMS::Key').length,
    secrets: of('AWS::SecretsManager::Secret').length,
    secureStringParameters: of('Custom::LinkSigningKey').length,
    logGroups: logGroups.length,
    logRetentionDays: [...new Set(logGroups.map((group) => Number(group.Properties.RetentionInDays ?? 0)))],
    functions: of('AWS::Lambda::Function').length,
  };
}
