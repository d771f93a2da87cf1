import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Alarms that page the cluster's operator: a function erroring, a dead letter waiting, a metric crossing its line. */
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

  private add(id: string, metric: IMetric, description: string): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
  }

  functionErrors(name: string, fn: IFunction): void {
    this.add(`${name}-errors`, fn.metricErrors({ period: Duration.minutes(5) }), `${name} threw errors`);
  }

  deadLetters(name: string, queue: IQueue): void {
    this.add(`${name}-dead-letters`, queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }), `${name} has dead letters`);
  }

  metric(name: string, metric: IMetric, description: string): void {
    this.add(name, metric, description);
  }
}
