import { MessageCompositionError } from './composition-error.js';

// Every check throws instead of cleaning up: silently rewriting a caller's subject or file name would
// hide a bug (or an attack) that the caller should see.

const CR_LF = /[\r\n]/;
// RFC 5322 §3.6.8 field-name: printable US-ASCII except the colon.
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;
// Control characters other than TAB have no business in a header value or a file name.
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
const MAX_FILENAME_LENGTH = 255;

/** Headers the composer writes itself; a caller-supplied copy would be overridden or leak (Bcc). */
const RESERVED_HEADERS = new Set([
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-disposition',
  'content-id',
  'content-description',
  'return-path',
  'dkim-signature',
  'list-unsubscribe',
  'list-unsubscribe-post',
]);

/** Rejects a header value (or a part of one, such as a display name) that carries CR or LF. */
export function assertNoLineBreak(field: string, value: string): void {
  if (CR_LF.test(value))
    throw new MessageCompositionError(field, 'must not contain CR or LF (header injection)');
}

/** Rejects a header name that is not an RFC 5322 field name, or that the composer owns. */
export function assertHeaderName(name: string): void {
  const field = `headers.${name}`;
  if (!FIELD_NAME.test(name)) {
    throw new MessageCompositionError(field, 'header name must be printable ASCII without spaces or ":"');
  }
  if (RESERVED_HEADERS.has(name.toLowerCase())) {
    throw new MessageCompositionError(field, 'header is set by the composer and cannot be overridden');
  }
}

// RFC 5322 §3.6.4 msg-id: printable ASCII `left@right`, without the specials that would end it.
const MESSAGE_ID = /^<?([\x21-\x3b=?-~]+@[\x21-\x3b=?-~]+)>?$/;
const MESSAGE_ID_SPECIALS = /[<>()@,;:\\"[\]]/;

/**
 * The `Message-ID` value without its angle brackets: one `left@right` id of printable ASCII.
 * @throws {MessageCompositionError} naming `messageId`
 */
export function messageIdValue(value: string): string {
  const id = MESSAGE_ID.exec(value)?.[1];
  const [left = '', right = '', ...more] = id?.split('@') ?? [];
  if (!id || more.length > 0 || MESSAGE_ID_SPECIALS.test(left) || MESSAGE_ID_SPECIALS.test(right)) {
    throw new MessageCompositionError(
      'messageId',
      'must be one id left@right of printable ASCII, without spaces or brackets',
    );
  }
  return id;
}

/** RFC 5322 §2.1.1: no line of a message may be longer than this, CRLF excluded. */
export const MAX_LINE_LENGTH = 998;

/**
 * Rejects a header block with a line longer than {@link MAX_LINE_LENGTH}: a value with no space to
 * fold at (one long word in a subject or a custom header) cannot be folded shorter.
 */
export function assertHeaderLines(head: string): void {
  let field = 'header';
  for (const line of head.split('\r\n')) {
    // A line that starts with a space or tab continues the field above it.
    if (line[0] !== ' ' && line[0] !== '\t') field = line.slice(0, line.indexOf(':')).toLowerCase();
    if (line.length > MAX_LINE_LENGTH) {
      throw new MessageCompositionError(
        field,
        `makes a header line of ${line.length} characters; at most ${MAX_LINE_LENGTH} fit (a word this long cannot be folded)`,
      );
    }
  }
}

/**
 * Text with every line break as CRLF: a bare CR or LF (from a template or a template value) would
 * otherwise reach the wire, which RFC 5322 §2.3 forbids.
 */
export function withCrlf(text: string): string {
  return /\r(?!\n)|(?<!\r)\n/.test(text) ? text.replace(/\r\n|\r|\n/g, '\r\n') : text;
}

/** Rejects a header value with a line break or another control character. */
export function assertHeaderValue(field: string, value: string): void {
  assertNoLineBreak(field, value);
  if (CONTROL.test(value)) throw new MessageCompositionError(field, 'must not contain control characters');
}

/**
 * Rejects an attachment file name that a mail client could turn into a path outside its download
 * directory, or that would break the Content-Disposition header.
 */
export function assertSafeFilename(field: string, filename: string): void {
  assertNoLineBreak(field, filename);
  if (filename.trim() === '') throw new MessageCompositionError(field, 'must not be empty');
  if (filename.length > MAX_FILENAME_LENGTH) {
    throw new MessageCompositionError(field, `must be at most ${MAX_FILENAME_LENGTH} characters`);
  }
  if (/[/\\]/.test(filename)) {
    throw new MessageCompositionError(
      field,
      'must be a plain file name without "/" or "\\" (path traversal)',
    );
  }
  if (filename === '.' || filename === '..') {
    throw new MessageCompositionError(field, 'must not be "." or ".." (path traversal)');
  }
  if (CONTROL.test(filename) || filename.includes('\t')) {
    throw new MessageCompositionError(field, 'must not contain control characters');
  }
}
