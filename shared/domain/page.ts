/** One page of a list; `nextCursor` is opaque and absent on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
