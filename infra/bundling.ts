import { build } from 'esbuild';
import { join } from 'node:path';
import { projectRoot } from './project-root.js';

/** How every function is bundled: the CDK stack passes these to NodejsFunction; tests and the bench build with them. */
export const bundleTarget = 'node24';

// Some CommonJS dependencies call require(); ESM bundles need it defined.
export const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * The bundles of several manifest entries, as deployed: minified ESM for the
 * pinned runtime, one self-contained file per entry (no code splitting: each
 * is what that function's NodejsFunction builds alone). One esbuild run reads
 * the modules they share once, instead of once per function.
 */
export async function bundleFunctions(entries: readonly string[]): Promise<Map<string, Uint8Array>> {
  const result = await build({
    entryPoints: [...new Set(entries)].map((entry) => ({ in: join(projectRoot, entry), out: entry.replace(/\.ts$/, '') })),
    outdir: join(projectRoot, 'bundles'),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: bundleTarget,
    mainFields: ['module', 'main'],
    banner: { js: requireShim },
    write: false,
    logLevel: 'silent',
  });
  const byPath = new Map(result.outputFiles.map((file) => [file.path, file.contents]));
  return new Map(entries.map((entry) => [entry, byPath.get(join(projectRoot, 'bundles', entry.replace(/\.ts$/, '.js')))!]));
}

/** The bundle of one manifest entry, as deployed. */
export async function bundleFunction(entry: string): Promise<Uint8Array> {
  return (await bundleFunctions([entry])).get(entry)!;
}
