import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config.js';
import { tracer } from '../../platform/tracer.js';

/**
 * Built once per container. The local stack differs only by the endpoint in
 * config. Kept apart from the SES client so that functions which never send
 * mail do not bundle it. Captured by the tracer, so X-Ray shows each DynamoDB
 * call (operation, table, index; never keys or items) as a subsegment; where
 * tracing is off (local stack, tests) the client is returned as it is.
 */
export const dynamoClient = tracer.captureAWSv3Client(
  new DynamoDBClient({
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
  }),
);

export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
