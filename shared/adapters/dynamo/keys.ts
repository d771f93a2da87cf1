/**
 * Every key and index value of the single table, in one place. Each item also
 * carries `entity` naming what it is.
 */
export const entities = {
  application: 'APPLICATION',
} as const;

export const keys = {
  application: (applicationId: string) => ({ pk: `APPLICATION#${applicationId}`, sk: 'APPLICATION' }),
  /** gsi1: applications of one status, newest first. */
  applicationsByStatus: (status: string) => `APPLICATIONS#${status}`,
  /** gsi2: all applications, newest first. */
  allApplications: 'APPLICATIONS',
  /** Sort key of both application lists: creation time, then id for uniqueness. */
  applicationListSort: (createdAt: string, applicationId: string) => `${createdAt}#${applicationId}`,
};
