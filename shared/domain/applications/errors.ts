/** Raised by the store when the organisation already has a member or an open application. */
export class OrganisationTaken extends Error {
  override name = 'OrganisationTaken';
}

/** Raised by the store when another request with the same idempotency key won the race. */
export class IdempotencyKeyTaken extends Error {
  override name = 'IdempotencyKeyTaken';
}

/** Raised by the store when the application is no longer in the state the change expected. */
export class StaleApplication extends Error {
  override name = 'StaleApplication';
}
