import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { ensureTable } from './ensure-table.js';
import { StartInterrupted } from './port-check.js';
import { Scope } from './scope.js';
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
 *
 * With `scope`, each service's stop is registered there as soon as the
 * service exists, so closing the scope at any moment of start-up (Ctrl-C
 * while Java is coming up, while the table is being created) stops what has
 * started and leaves no JVM behind.
 */
export async function startLocalServices(options: {
  dynamoPort: number;
  sesPort: number;
  tableName: string;
  dataDir?: string;
  scope?: Scope;
}): Promise<LocalServices> {
  const own = new Scope();
  options.scope?.defer(() => own.close());
  const stop = () => own.close();
  try {
    await startDynamoDbLocal({ port: options.dynamoPort, dataDir: options.dataDir && join(options.dataDir, 'dynamodb'), scope: own });
    if (own.closed) throw new StartInterrupted();
    const ses = await startLocalSes(options.sesPort);
    own.defer(ses.stop);
    const dynamoEndpoint = `http://127.0.0.1:${options.dynamoPort}`;
    const client = localDynamoClient(dynamoEndpoint);
    own.defer(() => client.destroy());
    const tableStatus = await ensureTable(client, options.tableName, { abortSignal: own.signal });
    return { dynamoEndpoint, sesUrl: ses.url, tableStatus, stop };
  } catch (error) {
    await stop();
    throw options.scope?.closed ? new StartInterrupted() : error;
  }
}
