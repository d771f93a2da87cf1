import { vi } from 'vitest';

/** Everything written to stdout, stderr and the console (the functions' structured logs, the local stack's lines) while `run` is under way. */
export async function captureOutput(run: () => Promise<void>): Promise<string> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(capture),
    vi.spyOn(process.stderr, 'write').mockImplementation(capture),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(globalThis.console, level).mockImplementation((...values: unknown[]) => void written.push(values.map(String).join(' '))),
    ),
  ];
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return written.join('\n');
}
