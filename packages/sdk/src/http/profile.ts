import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The profile name: the option, then `TENCENTCLOUD_PROFILE`, then `default`. */
export function profileName(profile: string | undefined, env: NodeJS.ProcessEnv): string {
  return profile || env.TENCENTCLOUD_PROFILE || 'default';
}

/** `~/.tccli`, where tccli keeps its profiles; `TCCLI_HOME` or `HOME` move it (tests use a temp dir). */
export function tccliDir(env: NodeJS.ProcessEnv): string {
  return env.TCCLI_HOME || join(env.HOME || homedir(), '.tccli');
}

/**
 * Reads one tccli profile file (`<profile>.credential` or `<profile>.configure`) as a JSON object.
 * A missing file is `undefined`; an unreadable or malformed one is too, since tccli itself may have
 * left a half-written file and the next source in the chain should get its turn.
 */
export function readProfileFile(
  kind: 'credential' | 'configure',
  profile: string,
  env: NodeJS.ProcessEnv,
): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(join(tccliDir(env), `${profile}.${kind}`), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty trimmed string, or undefined. */
export function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
