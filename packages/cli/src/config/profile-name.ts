import { UsageError } from '../errors.js';

/** A profile name becomes a file name (`~/.tccli/<profile>.credential`): no separators, no `..`. */
const PROFILE_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Checks a profile name before it is used in a path. `from` names where it came from (`--profile`,
 * `TENCENTCLOUD_PROFILE`), so the message points at what to fix.
 * @throws {UsageError} when the name could leave the profile directory
 */
export function checkProfileName(name: string, from: string): string {
  if (PROFILE_NAME.test(name) && name !== '.' && name !== '..') return name;
  throw new UsageError(
    `${from}: "${name}" is not a valid profile name (use letters, digits, "_", "." and "-"; not "." or "..")`,
  );
}
