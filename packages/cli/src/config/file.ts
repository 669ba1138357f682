import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliConfigError } from '../errors.js';
import { checkProfileName } from './profile-name.js';

/** Per-profile CLI settings (credentials live in tccli's files, where the SDK reads them). */
export interface ProfileSettings {
  backend?: 'local' | 'tencent';
  region?: string;
  endpoint?: string;
  dataDir?: string;
}

/** The CLI config file: `{ "profiles": { "<name>": ProfileSettings } }`. */
export interface ConfigFile {
  profiles: Record<string, ProfileSettings>;
}

const KEYS = ['backend', 'region', 'endpoint', 'dataDir'] as const;

/** Reads the config file; missing means empty, malformed is a configuration error (exit 3). */
export function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    // Only a missing file means "no settings"; a directory or an unreadable file is a mistake to report.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw new CliConfigError(`${path}: cannot be read (${(error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliConfigError(`${path}: invalid JSON (${(error as Error).message})`);
  }
  const profiles = (value as { profiles?: unknown } | null)?.profiles;
  if (profiles === undefined) return { profiles: {} };
  if (!profiles || typeof profiles !== 'object' || Array.isArray(profiles)) {
    throw new CliConfigError(`${path}: "profiles" must be an object`);
  }
  const result: ConfigFile = { profiles: {} };
  for (const [name, raw] of Object.entries(profiles)) result.profiles[name] = checkProfile(path, name, raw);
  return result;
}

function checkProfile(path: string, name: string, raw: unknown): ProfileSettings {
  // A profile's name also names its credential file: one that could not be is a broken file.
  checkProfileName(name, `${path}: profiles`, 'config');
  if (!raw || typeof raw !== 'object')
    throw new CliConfigError(`${path}: profile "${name}" must be an object`);
  const settings: ProfileSettings = {};
  for (const key of KEYS) {
    const value = (raw as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value !== 'string')
      throw new CliConfigError(`${path}: profiles.${name}.${key} must be a string`);
    if (key === 'backend') {
      if (value !== 'local' && value !== 'tencent') {
        throw new CliConfigError(`${path}: profiles.${name}.backend must be "local" or "tencent"`);
      }
      settings.backend = value;
    } else settings[key] = value;
  }
  return settings;
}

/** Writes a file atomically with owner-only permissions (it sits next to credentials). */
export function writePrivateFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}
