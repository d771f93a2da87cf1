import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config.js';
import type { Contact, Member, MemberStatus, MemberSummary } from '../../domain/members/member.js';
import type { Page } from '../../domain/page.js';
import { documentClient } from './client.js';
import { fromItem } from './items.js';
import { entities, keys } from './keys.js';
import { decodeCursor, encodeCursor } from './pagination.js';
import type { TransactItem } from './transaction.js';

const summaryOf = (member: Member): MemberSummary => ({
  memberId: member.memberId,
  name: member.name,
  type: member.type,
  country: member.country,
  status: member.status,
  interests: member.interests,
  joinedAt: member.joinedAt,
});

/**
 * The items of a new member: the member, its primary contact, and one item
 * per interest (so "members interested in X" is a query, not a scan).
 */
export function newMemberPuts(member: Member, contact: Contact): TransactItem[] {
  const put = (item: Record<string, unknown>): TransactItem => ({
    Put: { TableName: config.TABLE_NAME, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
  });
  return [
    put({
      ...keys.member(member.memberId),
      entity: entities.member,
      ...member,
      gsi1pk: keys.membersByStatus(member.status),
      gsi1sk: keys.memberListSort(member.type, member.name, member.memberId),
    }),
    put({ ...keys.memberContact(member.memberId, contact.contactId), entity: entities.contact, ...contact, gsi2pk: keys.contactByEmail(contact.email), gsi2sk: keys.memberPartition(member.memberId) }),
    ...member.interests.map((interest) =>
      put({
        ...keys.memberInterest(member.memberId, interest),
        entity: entities.memberInterest,
        interest,
        ...summaryOf(member),
        gsi2pk: keys.membersByInterest(interest),
        gsi2sk: keys.memberInterestSort(member.status, member.type, member.name, member.memberId),
      }),
    ),
  ];
}

export interface MemberFilter {
  status: MemberStatus;
  type?: string;
  interest?: string;
  limit: number;
  cursor?: string;
}

/** Access patterns `membersByStatus(type?)` (gsi1) and `membersByInterest(status, type?)` (gsi2). */
export async function listMembers(filter: MemberFilter): Promise<Page<MemberSummary>> {
  const byInterest = filter.interest !== undefined;
  const prefix = byInterest ? `${filter.status}#${filter.type ? `${filter.type}#` : ''}` : filter.type ? `${filter.type}#` : '';
  const result = await documentClient.send(
    new QueryCommand({
      TableName: config.TABLE_NAME,
      IndexName: byInterest ? 'gsi2' : 'gsi1',
      // DynamoDB refuses an empty begins_with prefix: without a type, the status list is the whole partition.
      KeyConditionExpression: `${byInterest ? 'gsi2pk' : 'gsi1pk'} = :pk${prefix ? ` AND begins_with(${byInterest ? 'gsi2sk' : 'gsi1sk'}, :prefix)` : ''}`,
      ExpressionAttributeValues: {
        ':pk': byInterest ? keys.membersByInterest(filter.interest!) : keys.membersByStatus(filter.status),
        ...(prefix ? { ':prefix': prefix } : {}),
      },
      Limit: filter.limit,
      ExclusiveStartKey: decodeCursor(filter.cursor, {
        index: byInterest ? 'gsi2' : 'gsi1',
        partition: byInterest ? keys.membersByInterest(filter.interest!) : keys.membersByStatus(filter.status),
        sortPrefix: prefix,
      }),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => summaryOf(fromItem<Member>(item))),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
}

/** Access pattern `memberWithContacts`: one query over the member's partition. */
export async function getMember(memberId: string): Promise<{ member: Member; contacts: Contact[] } | undefined> {
  const result = await documentClient.send(
    new QueryCommand({
      TableName: config.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId) },
    }),
  );
  const items = result.Items ?? [];
  const member = items.find((item) => item.entity === entities.member);
  if (!member) return undefined;
  return {
    member: fromItem<Member>(member),
    contacts: items.filter((item) => item.entity === entities.contact).map((item) => fromItem<Contact>(item)),
  };
}
