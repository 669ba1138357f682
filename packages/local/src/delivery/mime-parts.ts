import { encode as base64Encode, wrap as base64Wrap } from 'nodemailer/lib/base64';
import { qpWrap } from './qp-wrap.js';
import { pooledRandomBytes } from './random-pool.js';

// The batch composer writes the same MIME as nodemailer's composer, so it makes the same choices
// with nodemailer's own encoders: the rules below mirror its MimeNode (7bit for short-lined ASCII,
// quoted-printable for mostly-Latin text, base64 otherwise; 76-character lines).

/** Content-Transfer-Encoding of a text part. */
export type TransferEncoding = '7bit' | 'quoted-printable' | 'base64';

/** A text part's encoding and its encoded content (ASCII, CRLF line ends). */
export interface EncodedText {
  readonly encoding: TransferEncoding;
  readonly content: string;
}

const LINE_LENGTH = 76;
// A line longer than 76 characters rules out 7bit; nodemailer stops looking above 128 KiB.
const LONG_SCAN_LIMIT = 128 * 1024;
const BARE_LF = /(?<!\r)\n/g;

// Quoted-printable (RFC 2045 §6.7): TAB, CR, LF and printable ASCII but "=" stay as they are, and so
// does a space or tab unless a line break or the end follows it; everything else becomes =XX per
// UTF-8 byte. A run of characters to escape is matched at once, so mostly-ASCII text costs one scan.
const QP_ESCAPE = /[^\t\n\r\x20-\x3c\x3e-\x7e]+|[ \t](?=[\r\n]|$)/gu;
const HEX_BYTE = Array.from(
  { length: 256 },
  (_, byte) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`,
);

function qpEscape(run: string): string {
  const code = run.charCodeAt(0);
  if (run.length === 1 && code < 0x80) return HEX_BYTE[code] as string;
  let out = '';
  for (const byte of Buffer.from(run, 'utf8')) out += HEX_BYTE[byte];
  return out;
}

/** Quoted-printable of text's UTF-8 bytes, before soft line breaks (nodemailer's `qp.encode`, in one scan). */
export function quotedPrintable(text: string): string {
  return text.replace(QP_ESCAPE, qpEscape);
}

/** What the choice of a text part's encoding depends on. */
interface TextShape {
  /** 8-bit or control characters (not TAB, CR, LF): what nodemailer's `isPlainText` looks for. */
  readonly other: number;
  /** A line longer than 76 characters (lines end at CR, LF, U+2028 or U+2029, as for `/^.+$/m`). */
  readonly longLine: boolean;
  /** An LF without a CR before it, to be made CRLF. */
  readonly bareLf: boolean;
}

/** What nodemailer's `isPlainText` rejects: 8-bit and control characters but TAB, CR and LF. */
const OTHER = /[^\t\n\r\x20-\x7f]/;
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/g;
const HAS_BARE_LF = /(?<!\r)\n/;

function countOther(text: string): number {
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80 || (code <= 0x1f && code !== 0x09 && code !== 0x0a && code !== 0x0d)) other++;
  }
  return other;
}

function hasLongLine(text: string): boolean {
  if (text.length > LONG_SCAN_LIMIT) return true;
  // `test` on a global expression moves `lastIndex` past each terminator, with no match object.
  LINE_TERMINATOR.lastIndex = 0;
  let start = 0;
  while (LINE_TERMINATOR.test(text)) {
    if (LINE_TERMINATOR.lastIndex - 1 - start > LINE_LENGTH) return true;
    start = LINE_TERMINATOR.lastIndex;
  }
  return text.length - start > LINE_LENGTH;
}

// Regular expressions scan in compiled code, several times faster than a loop over `charCodeAt`:
// the common text has no other character (counted only when there is one), and a long line ends
// the search for one.
function shapeOf(text: string): TextShape {
  return {
    other: OTHER.test(text) ? countOther(text) : 0,
    longLine: hasLongLine(text),
    bareLf: HAS_BARE_LF.test(text),
  };
}

const LATIN_LETTER = /[A-Za-z]/;

/** Whether the text has more Latin letters than `other` characters: quoted-printable then pays off. */
function moreLatinThan(text: string, other: number): boolean {
  if (other === 0) return LATIN_LETTER.test(text);
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
  }
  return other < latin;
}

/** Encodes a text part for the wire the way nodemailer's composer does. */
export function encodeText(text: string): EncodedText {
  const shape = shapeOf(text);
  const crlf = (content: string) => (shape.bareLf ? content.replace(BARE_LF, '\r\n') : content);
  if (shape.other === 0 && !shape.longLine) return { encoding: '7bit', content: crlf(text) };
  if (moreLatinThan(text, shape.other)) {
    return { encoding: 'quoted-printable', content: crlf(qpWrap(quotedPrintable(text), LINE_LENGTH)) };
  }
  return { encoding: 'base64', content: base64Wrap(base64Encode(Buffer.from(text, 'utf8')), LINE_LENGTH) };
}

/** A fresh multipart boundary in the composer's shape; random, so content cannot contain it on purpose. */
export function newBoundary(): string {
  return `--_NmP-${pooledRandomBytes(8).toString('hex')}-Part_1`;
}
