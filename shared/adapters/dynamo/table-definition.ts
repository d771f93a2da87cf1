/**
 * The single table, described once. The CDK stack and the local stack both
 * build it from this, so DynamoDB Local has exactly the keys and indexes AWS has.
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Items with this epoch-seconds attribute are deleted by DynamoDB after that time. */
  ttlAttribute: 'expiresAt',
  /** The outbox is delivered from the stream; only new images are needed. */
  streamView: 'NEW_IMAGE',
  globalIndexes: [
    /** Status lists: applications, members, outbox by status and time. */
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Secondary lookups: all applications by time, contacts by email, members by interest. */
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /**
     * Personal data by address (`ADDRESS#<normalised address>`): applications,
     * outbox messages, invitations and contact confirmations holding that
     * address, so a data subject request finds them by key, never by a scan.
     */
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
} as const;

export type IndexName = (typeof tableDefinition.globalIndexes)[number]['name'];
