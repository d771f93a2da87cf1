import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config.js';
import { traced } from '../../platform/tracer.js';

/**
 * Built once per container. The local stack differs only by the endpoint in
 * config. Kept apart from the SES client so that functions which never send
 * mail do not bundle it. Captured by the tracer, so X-Ray shows each DynamoDB
 * call (operation, table, index; never keys or items) as a subsegment; where
 * tracing is off (local stack, tests) the client is returned as it is.
 */
export const dynamoClient = traced(
  new DynamoDBClient({
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
    // Without these a hanging connection waits for the function's timeout and the caller gets a gateway error, not our 503.
    maxAttempts: config.DYNAMODB_MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: config.DYNAMODB_CONNECT_TIMEOUT_MS,
      requestTimeout: config.DYNAMODB_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  }),
);

export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
