import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
import { config, ConfigError } from '../../config.js';

/**
 * The key behind preference links, kept outside the table so a table export
 * holds no working link: an SSM SecureString the stack provisions
 * (infra/constructs/link-signing-key.ts). Fetched once per container,
 * decrypted, and cached by Powertools.
 */
export async function linkSigningKey(): Promise<string> {
  if (config.LINK_SIGNING_KEY) return config.LINK_SIGNING_KEY;
  if (!config.LINK_SIGNING_KEY_PARAMETER) throw new ConfigError('Missing configuration: LINK_SIGNING_KEY or LINK_SIGNING_KEY_PARAMETER');
  const key = await getParameter(config.LINK_SIGNING_KEY_PARAMETER, { decrypt: true, maxAge: 3600 });
  if (typeof key !== 'string' || key.length < 32) throw new ConfigError('LINK_SIGNING_KEY_PARAMETER: the parameter must hold a key of at least 32 characters');
  return key;
}
