import { UsageError } from '../errors.js';

// C0 controls but TAB, DEL, C1 controls (NEL among them) and the Unicode line and paragraph
// separators: a line break ends a mail header (CR/LF injects new ones) and the rest have no place
// in a subject, an address or a file name.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');

/** `value` with every control or line-separator character shown as `\u{…}`, safe to print. */
export function printable(value: string): string {
  return value.replace(UNSAFE_ALL, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}}`);
}

/**
 * Rejects a value that goes into a mail header when it holds a line break or another control
 * character, before anything is sent. The message names the field and the character, never the
 * raw value (which could carry terminal escapes).
 * @throws {UsageError} naming `field`
 */
export function assertHeaderSafe(value: string, field: string): string {
  const bad = UNSAFE.exec(value)?.[0];
  if (bad === undefined) return value;
  const code = `U+${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const what = bad === '\r' || bad === '\n' ? 'a line break (CR/LF)' : 'a control character';
  throw new UsageError(`${field}: contains ${what} (${code}), which could inject mail headers`);
}
