import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ApplicationStatus, ApplicationSummary } from '../../domain/applications/application.js';
import { documentClient } from '../aws-clients.js';
import { config } from '../../config.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor, type Page } from './pagination.js';

interface ListOptions {
  status?: ApplicationStatus;
  limit: number;
  cursor?: string;
}

function toSummary(item: Record<string, unknown>): ApplicationSummary {
  return {
    applicationId: item.applicationId as string,
    status: item.status as ApplicationStatus,
    organisationName: (item.organisation as { name: string }).name,
    organisationType: (item.organisation as { type: string }).type,
    submittedAt: item.createdAt as string,
  };
}

/** Access pattern `listApplicationsByStatus`: a query on gsi1 (one status) or gsi2 (all), newest first. */
export async function listApplications({ status, limit, cursor }: ListOptions): Promise<Page<ApplicationSummary>> {
  const byStatus = status !== undefined;
  const result = await documentClient.send(
    new QueryCommand({
      TableName: config.TABLE_NAME,
      IndexName: byStatus ? 'gsi1' : 'gsi2',
      KeyConditionExpression: byStatus ? 'gsi1pk = :pk' : 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': byStatus ? keys.applicationsByStatus(status) : keys.allApplications },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor),
    }),
  );
  return { items: (result.Items ?? []).map(toSummary), nextCursor: encodeCursor(result.LastEvaluatedKey) };
}
