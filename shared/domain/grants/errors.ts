/** Raised by the store when the call changed since it was read (its version moved on, or it was deleted). */
export class StaleCall extends Error {
  override name = 'StaleCall';
}

/** Raised by the import store when the calls of a one-transaction import exist already (an earlier attempt wrote them). */
export class CallsExist extends Error {
  override name = 'CallsExist';
}
