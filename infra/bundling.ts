import { build } from 'esbuild';
import { join } from 'node:path';
import { projectRoot } from './project-root.js';

/** How every function is bundled: the CDK stack passes these to NodejsFunction; tests and the bench build with them. */
export const bundleTarget = 'node24';

// Some CommonJS dependencies call require(); ESM bundles need it defined.
export const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** The bundle of one manifest entry, as deployed: minified ESM for the pinned runtime. */
export async function bundleFunction(entry: string): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [join(projectRoot, entry)],
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
  return result.outputFiles[0]!.contents;
}
