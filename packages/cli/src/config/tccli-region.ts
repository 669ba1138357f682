import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tccliHome } from './permissions.js';

/**
 * The region a tccli profile names in `~/.tccli/<profile>.configure`, read the way the SDK reads it
 * (`resolveRegion` in @ses-cli/sdk): tccli's `_sys_param.region`, else `ses.region`, else a top-level
 * `region`. A missing or malformed file names none. For `config list`, which reports the source.
 */
export function tccliProfileRegion(env: NodeJS.ProcessEnv, profile: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(join(tccliHome(env), `${profile}.configure`), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  return regionIn(value._sys_param) ?? regionIn(value.ses) ?? nonEmpty(value.region);
}

function regionIn(section: unknown): string | undefined {
  return isRecord(section) ? nonEmpty(section.region) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
