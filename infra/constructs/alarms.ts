import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface AlarmOptions {
  /** Alarm at or above this value (default 1). */
  threshold?: number;
  /** How a period without data counts (default: not breaching). */
  treatMissingData?: TreatMissingData;
}

/** Alarms that page the cluster's operator: any function erroring, a dead letter waiting, a metric crossing its line. */
export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: { alarmEmail?: string }) {
    super(scope, id);
    // No customer-managed key ($1 a month, half the cluster's budget): notifications hold alarm names and figures, no personal data,
    // and CloudWatch cannot publish to a topic under the AWS-managed SNS key. TLS is enforced.
    this.topic = new Topic(this, 'Topic', { enforceSSL: true });
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
   * Lambda's account-wide `Errors` (the metric without dimensions): one
   * metric analysed, within CloudWatch's ten free alarm metrics, and it
   * covers every function the manifest adds. A Metrics Insights query over
   * each function by name is billed per function (≈50 metrics, $5 a month,
   * more than the rest of the cluster's bill). It also counts functions of
   * other stacks: deploy into an account of the cluster's own (README).
   */
  functionErrors(): Alarm {
    const errors = new Metric({ namespace: 'AWS/Lambda', metricName: 'Errors', statistic: 'Sum', period: Duration.minutes(5) });
    return this.add('function-errors', errors, 'A function threw errors: find it with the Lambda console’s Errors column, then its logs');
  }

  deadLetters(name: string, queue: IQueue): Alarm {
    return this.add(`${name}-dead-letters`, queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }), `${name} has dead letters`);
  }

  metric(name: string, metric: IMetric, description: string, options?: AlarmOptions): Alarm {
    return this.add(name, metric, description, options);
  }
}
