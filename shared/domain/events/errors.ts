/** Raised by the store when the event changed since it was read (its version moved on). */
export class StaleEvent extends Error {
  override name = 'StaleEvent';
}

/** Raised by the invitation store when the invitation was answered since it was read (its version moved on). */
export class InvitationChanged extends Error {
  override name = 'InvitationChanged';
}

/** Raised by the invitation store when the run moved on since it was read (another consumer took this step). */
export class RunMoved extends Error {
  override name = 'RunMoved';
}
