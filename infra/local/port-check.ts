import { createServer } from 'node:net';

export class LocalStackError extends Error {
  override name = 'LocalStackError';
}

/** Fails with a one-line explanation when something else already listens on the port. */
export async function ensurePortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(new LocalStackError(`Port ${port} (${what}) is already in use. Stop what uses it, or set a different port (see README).`)),
    );
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolve()));
  });
}

/** Start-up was stopped (Ctrl-C) before it finished; nothing to report. */
export class StartInterrupted extends LocalStackError {
  override name = 'StartInterrupted';
  constructor() {
    super('start-up was interrupted');
  }
}

/**
 * Polls `check` until it is true. A `LocalStackError` from `check` ends the
 * wait at once (the thing being waited for has died); other errors count as
 * "not yet". An aborted `signal` ends it too.
 */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (signal?.aborted) throw new StartInterrupted();
    const ready = await check().catch((error: unknown) => {
      if (error instanceof LocalStackError) throw error;
      return false;
    });
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new LocalStackError(`${what} did not start within ${Math.round(timeoutMs / 1000)} s.`);
}
