import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { config, ConfigError } from '../../config.js';

/**
 * The key behind preference links, kept outside the table so a table export
 * holds no working link. Fetched once per container and cached by Powertools.
 */
export async function linkSigningKey(): Promise<string> {
  if (config.LINK_SIGNING_KEY) return config.LINK_SIGNING_KEY;
  if (!config.LINK_SIGNING_SECRET_ARN) throw new ConfigError('Missing configuration: LINK_SIGNING_KEY or LINK_SIGNING_SECRET_ARN');
  const key = await getSecret(config.LINK_SIGNING_SECRET_ARN, { maxAge: 3600 });
  if (typeof key !== 'string' || key.length < 32) throw new ConfigError('LINK_SIGNING_SECRET_ARN: the secret must be a string of at least 32 characters');
  return key;
}
