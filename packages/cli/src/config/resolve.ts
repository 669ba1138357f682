import { type CliContext, configFilePath, defaultDataDir, type GlobalOptions } from '../context.js';
import { CliConfigError } from '../errors.js';
import { readConfigFile } from './file.js';
import { checkProfileName } from './profile-name.js';

/** Where a resolved setting came from, for `config list` (`tccli profile`: `~/.tccli/<profile>.configure`). */
export type Source = 'flag' | 'env' | 'profile' | 'tccli profile' | 'default';

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

/**
 * The profile name: `--profile`, else `TENCENTCLOUD_PROFILE`, else `default`. It names files, so it
 * is checked here, where every command resolves it.
 * @throws {UsageError} naming `--profile` when the flag is bad (exit 2)
 * @throws {CliConfigError} naming `TENCENTCLOUD_PROFILE` when the variable is bad (exit 3)
 */
export function resolveProfile(
  raw: Readonly<Record<string, unknown>>,
  env: NodeJS.ProcessEnv,
): Resolved<string> {
  const flag = typeof raw.profile === 'string' ? raw.profile : undefined;
  const profile = pick(flag, env.TENCENTCLOUD_PROFILE, undefined, 'default');
  if (profile.source === 'flag') checkProfileName(profile.value, '--profile');
  else checkProfileName(profile.value, 'TENCENTCLOUD_PROFILE', 'config');
  return profile;
}

/** Resolves backend, region, profile, endpoint and data directory with their sources. */
export function resolveSettings(raw: Readonly<Record<string, unknown>>, cli: CliContext): ResolvedSettings {
  const env = cli.env;
  const str = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
  const profile = resolveProfile(raw, env);
  const settings = readConfigFile(configFilePath(env)).profiles[profile.value] ?? {};
  const envBackend = env.SES_BACKEND;
  if (envBackend && envBackend !== 'local' && envBackend !== 'tencent') {
    throw new CliConfigError(`SES_BACKEND: must be "local" or "tencent", got "${envBackend}"`);
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
  return globalsOf(resolveSettings(raw, cli), raw);
}

/** The global options from settings already resolved (the runner also wants their sources). */
export function globalsOf(s: ResolvedSettings, raw: Readonly<Record<string, unknown>>): GlobalOptions {
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

/** What set the data directory, as the user would name it in a message (`--data-dir`, …). */
export function dataDirOrigin(s: ResolvedSettings, env: NodeJS.ProcessEnv): string {
  switch (s.dataDir.source) {
    case 'flag':
      return '--data-dir';
    case 'env':
      return 'SES_CLI_DATA_DIR';
    case 'profile':
      return `dataDir of profile "${s.profile.value}" in ${configFilePath(env)}`;
    default:
      return 'the default data directory (set --data-dir or SES_CLI_DATA_DIR)';
  }
}
