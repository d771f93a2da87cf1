import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFunction } from '../../infra/bundling.js';
import { manifest } from '../../infra/manifest.js';

const outDir = mkdtempSync(join(tmpdir(), 'bundles-'));

describe('deployed bundles', () => {
  it.each(manifest.map((fn) => [fn.name, fn] as const))('%s bundles to ESM that loads and exports a handler', async (name, fn) => {
    const file = join(outDir, `${name}.mjs`);
    writeFileSync(file, await bundleFunction(fn.entry));
    // Loading runs every module's top level (config, clients), as a Lambda cold start does.
    const module = (await import(pathToFileURL(file).href)) as { handler?: unknown };
    expect(typeof module.handler).toBe('function');
  });

  it('the health bundle answers from the bundle itself', async () => {
    const module = (await import(pathToFileURL(join(outDir, 'get-health.mjs')).href)) as { handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }> };
    const event = (await import('../../events/http/get-health.json', { with: { type: 'json' } })).default;
    const answer = await module.handler(event, { awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 1000 });
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
  });
});
