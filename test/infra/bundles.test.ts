import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleFunctions } from '../../infra/bundling.js';
import { manifest } from '../../infra/manifest.js';

const outDir = mkdtempSync(join(tmpdir(), 'bundles-'));
const bundleFile = (name: string) => join(outDir, `${name}.mjs`);

// Every function in one esbuild run: byte for byte the files of one run per function, built in a third of the time.
beforeAll(async () => {
  const bundles = await bundleFunctions(manifest.map((fn) => fn.entry));
  for (const fn of manifest) writeFileSync(bundleFile(fn.name), bundles.get(fn.entry)!);
}, 120_000);

/** What a fresh Node process finds exported as `handler` after loading the bundle (a cold start: every module's top level runs, config and clients). */
const loadHandler = `const loaded = await import(process.argv[1]); console.log(typeof loaded.handler);`;

describe('deployed bundles', () => {
  // Each in a process of its own, as Lambda loads it, outside the test runner's module transform (which took three times as long).
  it.concurrent.each(manifest.map((fn) => [fn.name, fn] as const))('%s bundles to ESM that loads in a fresh Node process and exports a handler', async (name) => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', loadHandler, pathToFileURL(bundleFile(name)).href], { env: process.env });
    expect(stdout.trim()).toBe('function');
  });

  it('the health bundle answers from the bundle itself', async () => {
    const module = (await import(pathToFileURL(bundleFile('get-health')).href)) as { handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }> };
    const event = (await import('../../events/http/get-health.json', { with: { type: 'json' } })).default;
    const answer = await module.handler(event, { awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 1000 });
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
  });
});
