import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { checkProfileName } from './profile-name.js';

/** tccli's profile directory, where credentials live (the SDK reads the same files). */
export function tccliHome(env: NodeJS.ProcessEnv): string {
  return env.TCCLI_HOME || join(env.HOME || homedir(), '.tccli');
}

/**
 * The credential file of a profile: `~/.tccli/<profile>.credential`. The name was checked where it
 * was resolved; it is checked again here so no caller can build a path outside the directory.
 */
export function credentialFilePath(env: NodeJS.ProcessEnv, profile: string): string {
  return join(tccliHome(env), `${checkProfileName(profile, 'profile')}.credential`);
}

/**
 * A warning when a private file (profile, credentials) exists and can be read or written by the
 * group or others; undefined when it is owner-only, missing, or on Windows (no POSIX modes).
 */
export function exposedFileWarning(path: string): string | undefined {
  if (process.platform === 'win32') return undefined;
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    return undefined;
  }
  if ((mode & 0o077) === 0) return undefined;
  return `${path} is accessible by other users (mode ${mode.toString(8).padStart(3, '0')}); run: chmod 600 ${path}`;
}
