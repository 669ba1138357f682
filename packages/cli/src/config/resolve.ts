import { type CliContext, configFilePath, defaultDataDir, type GlobalOptions } from '../context.js';
import { UsageError } from '../errors.js';
import { readConfigFile } from './file.js';

/** Where a resolved setting came from, for `config list`. */
export type Source = 'flag' | 'env' | 'profile' | 'default';

/** A resolved setting and its origin. */
export interface Resolved<T> {
  readonly value: T;
  readonly source: Source;
}

/** The settings that have a precedence chain: flag > environment > profile file > default. */
export interface ResolvedSettings {
  readonly backend: Resolved<'local' | 'tencent'>;
  readonly region: Resolved<string | undefined>;
  readonly profile: Resolved<string>;
  readonly endpoint: Resolved<string | undefined>;
  readonly dataDir: Resolved<string>;
}

function pick<T>(flag: T | undefined, env: T | undefined, profile: T | undefined, fallback: T): Resolved<T> {
  if (flag !== undefined && flag !== '') return { value: flag, source: 'flag' };
  if (env !== undefined && env !== '') return { value: env, source: 'env' };
  if (profile !== undefined && profile !== '') return { value: profile, source: 'profile' };
  return { value: fallback, source: 'default' };
}

/** Resolves backend, region, profile, endpoint and data directory with their sources. */
export function resolveSettings(raw: Readonly<Record<string, unknown>>, cli: CliContext): ResolvedSettings {
  const env = cli.env;
  const str = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
  const profile = pick(str('profile'), env.TENCENTCLOUD_PROFILE, undefined, 'default');
  const settings = readConfigFile(configFilePath(env)).profiles[profile.value] ?? {};
  const envBackend = env.SES_BACKEND;
  if (envBackend && envBackend !== 'local' && envBackend !== 'tencent') {
    throw new UsageError(`SES_BACKEND must be "local" or "tencent", got "${envBackend}"`);
  }
  const backend = pick<'local' | 'tencent'>(
    str('backend') as 'local' | 'tencent' | undefined,
    envBackend as 'local' | 'tencent' | undefined,
    settings.backend,
    'local',
  );
  return {
    backend,
    profile,
    region: pick(str('region'), env.TENCENTCLOUD_REGION, settings.region, undefined),
    endpoint: pick(str('endpoint'), env.SES_ENDPOINT, settings.endpoint, undefined),
    dataDir: pick(str('dataDir'), env.SES_CLI_DATA_DIR, settings.dataDir, defaultDataDir(env)),
  };
}

/** The global options of a run. */
export function resolveGlobals(raw: Readonly<Record<string, unknown>>, cli: CliContext): GlobalOptions {
  const s = resolveSettings(raw, cli);
  return {
    backend: s.backend.value,
    region: s.region.value,
    profile: s.profile.source === 'default' ? undefined : s.profile.value,
    endpoint: s.endpoint.value,
    dataDir: s.dataDir.value,
    json: raw.json === true,
    color: raw.color !== false,
    debug: raw.debug === true,
    yes: raw.yes === true,
    dryRun: raw.dryRun === true,
  };
}
