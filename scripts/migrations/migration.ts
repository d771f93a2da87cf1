/** A one-off data change: idempotent, so running it twice changes nothing the second time. */
export interface Migration {
  name: string;
  run(): Promise<{ examined: number; changed: number }>;
}
