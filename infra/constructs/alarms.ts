import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface AlarmOptions {
  /** Alarm at or above this value (default 1). */
  threshold?: number;
  /** How a period without data counts (default: not breaching). */
  treatMissingData?: TreatMissingData;
}

/** CloudWatch refuses an alarm expression longer than this (MetricDataQuery.Expression). */
export const maxExpressionLength = 2048;

const queryPrefix = 'SELECT SUM(Errors) FROM SCHEMA("AWS/Lambda", FunctionName) WHERE ';

function functionCondition(name: string): string {
  if (!/^[\w-]+$/.test(name)) throw new Error(`Function name ${name} cannot be quoted in a Metrics Insights query`);
  return `FunctionName = '${name}'`;
}

/**
 * The errors of many functions as one Metrics Insights query. A metric math
 * alarm may reference at most 10 metrics (`m1 + … + m16` is refused by
 * CloudWatch, and by CDK at synth); a Metrics Insights query aggregates any
 * number, so one alarm keeps covering every function as workflows add them.
 */
export function functionErrorsQuery(functionNames: readonly string[]): string {
  const query = queryPrefix + functionNames.map(functionCondition).join(' OR ');
  if (query.length > maxExpressionLength) {
    throw new Error(`The errors query of ${functionNames.length} functions is ${query.length} characters, over CloudWatch's ${maxExpressionLength}: shorten function names or split the alarm`);
  }
  return query;
}

/**
 * The functions split into as few groups as CloudWatch's expression limit
 * allows for their errors query (about 45 functions of this stack's name
 * length per query), each name in exactly one: the stack gains an alarm only
 * when it outgrows one.
 */
function functionErrorsGroups(functionNames: readonly string[]): string[][] {
  const groups: string[][] = [];
  let length = maxExpressionLength;
  for (const name of functionNames) {
    const added = functionCondition(name).length + ' OR '.length;
    if (length + added > maxExpressionLength) {
      groups.push([]);
      length = queryPrefix.length - ' OR '.length;
    }
    groups.at(-1)!.push(name);
    length += added;
  }
  return groups;
}

/** The functions' errors as few queries as CloudWatch's expression limit allows (functionErrorsGroups). */
export function functionErrorsQueries(functionNames: readonly string[]): string[] {
  return functionErrorsGroups(functionNames).map(functionErrorsQuery);
}

/** Alarms that page the cluster's operator: any function erroring, a dead letter waiting, a metric crossing its line. */
export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: { alarmEmail?: string }) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      enforceSSL: true,
      masterKey: new Key(this, 'TopicKey', { enableKeyRotation: true, description: 'Encrypts alarm notifications' }),
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
  }

  private add(id: string, metric: IMetric, description: string, options: AlarmOptions = {}): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: options.threshold ?? 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: options.treatMissingData ?? TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }

  /**
   * Alarms over the errors of every function instead of one per function:
   * one resource per query of up to ~45 functions instead of one per
   * manifest entry, each a page that says "a function is failing" (its error
   * logs name it). The first keeps its id, so growing adds, never replaces.
   */
  functionErrors(functionNames: readonly string[]): Alarm[] {
    const groups = functionErrorsGroups(functionNames);
    return groups.map((group, index) => {
      const label = groups.length > 1 ? `Errors of functions (group ${index + 1})` : 'Errors of all functions';
      const errors = new MathExpression({ expression: functionErrorsQuery(group), period: Duration.minutes(5), label });
      return this.add(index === 0 ? 'function-errors' : `function-errors-${index + 1}`, errors, `A function threw errors (any of ${group.length}): see its logs`);
    });
  }

  deadLetters(name: string, queue: IQueue): Alarm {
    return this.add(`${name}-dead-letters`, queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }), `${name} has dead letters`);
  }

  metric(name: string, metric: IMetric, description: string, options?: AlarmOptions): Alarm {
    return this.add(name, metric, description, options);
  }
}
