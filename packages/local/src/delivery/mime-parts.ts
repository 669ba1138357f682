import { encode as base64Encode, wrap as base64Wrap } from 'nodemailer/lib/base64';
import { isPlainText } from 'nodemailer/lib/mime-funcs';
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
const LONG_LINE = new RegExp(`^.{${LINE_LENGTH + 1},}`, 'm');
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

/** True when more characters are Latin letters than 8-bit or control characters: quoted-printable pays off. */
function mostlyLatin(text: string): boolean {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80 || (code <= 0x1f && code !== 0x09 && code !== 0x0a && code !== 0x0d)) other++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
  }
  return other < latin;
}

/** Encodes a text part for the wire the way nodemailer's composer does. */
export function encodeText(text: string): EncodedText {
  const longLines = text.length > LONG_SCAN_LIMIT || LONG_LINE.test(text);
  if (isPlainText(text) && !longLines) return { encoding: '7bit', content: text.replace(BARE_LF, '\r\n') };
  if (mostlyLatin(text)) {
    return {
      encoding: 'quoted-printable',
      content: qpWrap(quotedPrintable(text), LINE_LENGTH).replace(BARE_LF, '\r\n'),
    };
  }
  return { encoding: 'base64', content: base64Wrap(base64Encode(Buffer.from(text, 'utf8')), LINE_LENGTH) };
}

/** A fresh multipart boundary in the composer's shape; random, so content cannot contain it on purpose. */
export function newBoundary(): string {
  return `--_NmP-${pooledRandomBytes(8).toString('hex')}-Part_1`;
}
