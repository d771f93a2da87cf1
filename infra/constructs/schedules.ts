import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ScheduleTrigger } from '../manifest-types.js';
import { acknowledge } from '../nag-acknowledgements.js';

export interface ScheduledFunction {
  functionName: string;
  index: number;
  trigger: ScheduleTrigger;
  handler: IFunction;
}

/** One EventBridge Scheduler schedule per manifest schedule, in its own time zone; failed invocations go to the dead-letter queue. */
export class Schedules extends Construct {
  constructor(scope: Construct, id: string, props: { schedules: ScheduledFunction[]; deadLetterQueue: IQueue }) {
    super(scope, id);
    for (const { functionName, index, trigger, handler } of props.schedules) {
      acknowledge.schedulerInvokesVersions(handler);
      new Schedule(this, `${functionName}-${index}`, {
        description: trigger.description,
        schedule: ScheduleExpression.expression(`cron(${trigger.cron})`, TimeZone.of(trigger.timeZone)),
        target: new LambdaInvoke(handler, {
          // The same "Scheduled Event" the local scheduler delivers; `time` is the planned time, not the start of the run.
          input: ScheduleTargetInput.fromObject({
            version: '0',
            id: ContextAttribute.executionId,
            'detail-type': 'Scheduled Event',
            source: 'aws.scheduler',
            account: Stack.of(this).account,
            time: ContextAttribute.scheduledTime,
            region: Stack.of(this).region,
            resources: [ContextAttribute.scheduleArn],
            detail: {},
          }),
          deadLetterQueue: props.deadLetterQueue,
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
        }),
      });
    }
  }
}
