/** Init-time baseline: a Lambda that only creates the DynamoDB document client, as shared/adapters/dynamo/client.ts does. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }));

export const handler = async () => ({ ready: client !== undefined });
