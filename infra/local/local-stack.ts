import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { startDynamoDbLocal, type RunningProcess } from './dynamodb-local.js';
import { ensureTable } from './ensure-table.js';
import { startLocalSes } from './ses-local.js';

export interface LocalServices {
  dynamoEndpoint: string;
  sesUrl: string;
  tableStatus: 'created' | 'updated' | 'unchanged';
  stop(): Promise<void>;
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/**
 * DynamoDB Local with the product's table, and local SES: the services the
 * handlers talk to. Used by `npm start` and by the integration tests.
 */
export async function startLocalServices(options: {
  dynamoPort: number;
  sesPort: number;
  tableName: string;
  dataDir?: string;
}): Promise<LocalServices> {
  const started: RunningProcess[] = [];
  const stop = async () => {
    for (const service of started.reverse()) await service.stop();
  };
  try {
    const dynamo = await startDynamoDbLocal({ port: options.dynamoPort, dataDir: options.dataDir && join(options.dataDir, 'dynamodb') });
    started.push(dynamo);
    const ses = await startLocalSes(options.sesPort);
    started.push(ses);
    const dynamoEndpoint = `http://127.0.0.1:${options.dynamoPort}`;
    const client = localDynamoClient(dynamoEndpoint);
    const tableStatus = await ensureTable(client, options.tableName);
    client.destroy();
    return { dynamoEndpoint, sesUrl: ses.url, tableStatus, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
