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

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new LocalStackError(`${what} did not start within ${Math.round(timeoutMs / 1000)} s.`);
}
