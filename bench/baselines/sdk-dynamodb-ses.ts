/** Init-time baseline: a Lambda that only creates the DynamoDB document client and the SES v2 client (the mailer's SDK clients). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';

const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }));
const ses = new SESv2Client({ region: process.env.AWS_REGION });

export const handler = async () => ({ ready: dynamo !== undefined && ses !== undefined });
