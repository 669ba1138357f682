import { ConfigError } from '../core/errors.js';
import { nonEmpty, profileName, readProfileFile, tccliDir } from './profile.js';

/** A Tencent Cloud API key pair, plus the session token of temporary (STS) credentials. */
export interface Credentials {
  secretId: string;
  secretKey: string;
  token?: string | undefined;
}

/** Fixed credentials, or a function returning them (called once per request, for rotation or STS). */
export type CredentialsInput = Credentials | (() => Credentials | Promise<Credentials>);

/** Where to look for credentials when none are passed in. */
export interface CredentialSources {
  readonly profile?: string | undefined;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Resolves credentials in order: the option (object or provider function), the environment
 * (`TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`, `TENCENTCLOUD_SESSION_TOKEN`), then the tccli
 * profile file `~/.tccli/<profile>.credential`.
 * @throws {ConfigError} nothing usable was found; the message says how to provide credentials.
 */
export async function resolveCredentials(
  input: CredentialsInput | undefined,
  sources: CredentialSources,
): Promise<Credentials> {
  if (typeof input === 'function') {
    let provided: Credentials;
    try {
      provided = await input();
    } catch (error) {
      throw new ConfigError('The credentials provider function failed', { cause: error });
    }
    return checked(provided, 'the credentials provider function');
  }
  if (input) return checked(input, 'the `credentials` option');
  return fromEnv(sources.env) ?? fromProfile(sources) ?? missing(sources);
}

function fromEnv(env: NodeJS.ProcessEnv): Credentials | undefined {
  const secretId = nonEmpty(env.TENCENTCLOUD_SECRET_ID);
  const secretKey = nonEmpty(env.TENCENTCLOUD_SECRET_KEY);
  if (!secretId || !secretKey) return undefined;
  const token = nonEmpty(env.TENCENTCLOUD_SESSION_TOKEN);
  return token ? { secretId, secretKey, token } : { secretId, secretKey };
}

function fromProfile(sources: CredentialSources): Credentials | undefined {
  const file = readProfileFile('credential', profileName(sources.profile, sources.env), sources.env);
  if (!file) return undefined;
  const secretId = nonEmpty(file.secretId);
  const secretKey = nonEmpty(file.secretKey);
  if (!secretId || !secretKey) return undefined;
  const token = nonEmpty(file.token);
  return token ? { secretId, secretKey, token } : { secretId, secretKey };
}

function checked(credentials: Credentials, source: string): Credentials {
  // Only the shape is reported, never the values: a key pasted in the wrong field is still a secret.
  if (!nonEmpty(credentials?.secretId) || !nonEmpty(credentials?.secretKey)) {
    throw new ConfigError(`Credentials from ${source} need a non-empty secretId and secretKey`);
  }
  return credentials;
}

function missing(sources: CredentialSources): never {
  const profile = profileName(sources.profile, sources.env);
  throw new ConfigError(
    'No Tencent Cloud credentials found. Pass `credentials` to the client, set TENCENTCLOUD_SECRET_ID ' +
      'and TENCENTCLOUD_SECRET_KEY (plus TENCENTCLOUD_SESSION_TOKEN for temporary keys), or create ' +
      `${tccliDir(sources.env)}/${profile}.credential (tccli configure).`,
  );
}
