import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localEnvironment, localSettings } from '../../infra/local/settings.js';
import { projectRoot } from '../../infra/project-root.js';

/**
 * The key behind signed links is never in the code: in AWS a generated
 * SSM SecureString read through Powertools Parameters
 * (test/infra/trust.test.ts checks the stack), locally a key file generated
 * once in the data directory.
 */
const keyFile = join(localSettings.dataDir, 'link-signing-key');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'fixtures' ? [] : sourceFiles(path);
    return /\.(ts|js|json|cjs|mjs)$/.test(name) ? [path] : [];
  });
}

describe('locally, a key file in the data directory', () => {
  it('is what the local stack and the tests sign with: 32 random bytes, readable by its owner only', () => {
    const key = readFileSync(keyFile, 'utf8').trim();
    expect(localEnvironment().LINK_SIGNING_KEY).toBe(key);
    expect(process.env.LINK_SIGNING_KEY).toBe(key);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(statSync(keyFile).mode & 0o077).toBe(0);
  });

  it('appears in no source file, and no source file gives the key a value', () => {
    const key = readFileSync(keyFile, 'utf8').trim();
    const offending: string[] = [];
    for (const directory of ['infra', 'shared', 'functions', 'scripts', 'bench', 'test']) {
      for (const file of sourceFiles(join(projectRoot, directory))) {
        const text = readFileSync(file, 'utf8');
        if (text.includes(key) || /LINK_SIGNING_KEY['"]?\s*[:=]\s*['"`]/.test(text)) offending.push(relative(projectRoot, file));
      }
    }
    expect(offending).toEqual([]);
  });
});

describe('in AWS, the SecureString through Powertools Parameters', () => {
  afterEach(() => {
    vi.doUnmock('@aws-lambda-powertools/parameters/ssm');
    vi.resetModules();
    vi.unstubAllEnvs();
  });

  async function adapterWithParameter(value: unknown) {
    const getParameter = vi.fn(async () => value);
    vi.doMock('@aws-lambda-powertools/parameters/ssm', () => ({ getParameter }));
    vi.stubEnv('LINK_SIGNING_KEY', undefined);
    vi.stubEnv('LINK_SIGNING_KEY_PARAMETER', '/Glokal/link-signing-key');
    vi.resetModules();
    const { linkSigningKey } = await import('../../shared/adapters/secrets/link-signing-key.js');
    return { linkSigningKey, getParameter };
  }

  it('reads the parameter the stack names, decrypted, cached for an hour by Powertools', async () => {
    const { linkSigningKey, getParameter } = await adapterWithParameter('k'.repeat(64));
    expect(await linkSigningKey()).toBe('k'.repeat(64));
    expect(getParameter).toHaveBeenCalledWith('/Glokal/link-signing-key', { decrypt: true, maxAge: 3600 });
  });

  it('refuses a key too short to sign with', async () => {
    const { linkSigningKey } = await adapterWithParameter('short');
    await expect(linkSigningKey()).rejects.toThrow(/at least 32 characters/);
  });
});
