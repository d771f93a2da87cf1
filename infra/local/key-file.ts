import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A secret of the local stack (the token issuer's key, the link signing key):
 * 32 random bytes, base64, created in the data directory on first use and kept
 * there (git ignores `.local/`), so no key is ever written in the code. `wx`
 * makes concurrent first runs (parallel test workers) agree on one key.
 */
export function localKeyFile(path: string): string {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(path, 'utf8').trim();
}
