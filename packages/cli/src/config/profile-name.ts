import { CliConfigError, UsageError } from '../errors.js';
import { printable } from '../parse/header-safe.js';

/**
 * Why a profile name cannot be used, or undefined when it can. A profile name becomes a file name
 * (`~/.tccli/<profile>.credential`), so only what is unsafe there is refused: empty, `.` and `..`,
 * path separators (`/`, `\`), NUL and other control characters. Anything else tccli accepts (such
 * as `user@corp`) is a profile name.
 */
export function profileNameProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name === '.' || name === '..') return `"${name}" is a directory name`;
  if (/[/\\]/.test(name)) return 'it has a path separator ("/" or "\\")';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'it has a control character';
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
