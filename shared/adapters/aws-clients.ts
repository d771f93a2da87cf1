import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { config } from '../config.js';

/**
 * Clients are built once per container. The local stack differs only by the
 * endpoints in config.
 */
export const dynamoClient = new DynamoDBClient({
  region: config.AWS_REGION,
  ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
});

export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});

export const sesClient = new SESv2Client({
  region: config.AWS_REGION,
  ...(config.SES_ENDPOINT ? { endpoint: config.SES_ENDPOINT } : {}),
});
