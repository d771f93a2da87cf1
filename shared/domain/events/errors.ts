/** Raised by the store when the event changed since it was read (its version moved on). */
export class StaleEvent extends Error {
  override name = 'StaleEvent';
}
