import { randomBytes } from 'node:crypto';
import { encode as base64Encode, wrap as base64Wrap } from 'nodemailer/lib/base64';
import { isPlainText } from 'nodemailer/lib/mime-funcs';
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';

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
      content: qpWrap(qpEncode(text), LINE_LENGTH).replace(BARE_LF, '\r\n'),
    };
  }
  return { encoding: 'base64', content: base64Wrap(base64Encode(Buffer.from(text, 'utf8')), LINE_LENGTH) };
}

/** A fresh multipart boundary in the composer's shape; random, so content cannot contain it on purpose. */
export function newBoundary(): string {
  return `--_NmP-${randomBytes(8).toString('hex')}-Part_1`;
}
