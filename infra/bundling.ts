/** How every function is bundled: shared by the CDK stack and the bundle tests, so both build the same thing. */
export const bundleTarget = 'node24';

// Some CommonJS dependencies call require(); ESM bundles need it defined.
export const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";
