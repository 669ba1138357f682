import { CliConfigError, UsageError } from '../errors.js';
import { printable } from '../parse/header-safe.js';

/** The longest profile name, in UTF-8 bytes: with `.credential` it must stay a valid file name. */
const MAX_PROFILE_BYTES = 200;

/**
 * Why a profile name cannot be used, or undefined when it can. A profile name becomes a file name
 * (`~/.tccli/<profile>.credential`), so only what is unsafe or misleading there is refused: empty or
 * blank, `.` and `..`, path separators (`/`, `\`), control characters, invisible direction and
 * line-separator characters, and names too long for a file name. Anything else tccli accepts (such
 * as `user@corp`) is a profile name.
 */
export function profileNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'it is empty';
  if (name === '.' || name === '..') return `"${name}" is a directory name`;
  if (/[/\\]/.test(name)) return 'it has a path separator ("/" or "\\")';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'it has a control character';
  // Invisible reordering and line-separating characters make the file name read as something else.
  if (/[\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(name)) {
    return 'it has an invisible direction or line-separator character';
  }
  // `<profile>.credential` must fit a file name (255 bytes on common file systems).
  if (Buffer.byteLength(name, 'utf8') > MAX_PROFILE_BYTES) return `it is over ${MAX_PROFILE_BYTES} bytes`;
  return undefined;
}

/**
 * Checks a profile name before it is used in a path. `from` names where it came from (`--profile`,
 * `TENCENTCLOUD_PROFILE`, a config file), so the message points at what to fix. A bad flag is a
 * usage error (exit 2); a bad name from the environment or a file is a configuration error (exit 3).
 * @throws {UsageError | CliConfigError} when the name is not safe as a file name
 */
export function checkProfileName(name: string, from: string, kind: 'usage' | 'config' = 'usage'): string {
  const problem = profileNameProblem(name);
  if (problem === undefined) return name;
  const message = `${from}: "${printable(name)}" is not a valid profile name (${problem}; it names a file, so it must not be empty, "." or "..", nor hold "/", "\\" or control characters)`;
  throw kind === 'config' ? new CliConfigError(message) : new UsageError(message);
}
