import fc from 'fast-check';
import { wrap } from 'nodemailer/lib/qp';
import { describe, expect, test } from 'vitest';
import { quotedPrintable } from './mime-parts.js';
import { qpWrap } from './qp-wrap.js';

// Pieces that reach every branch: CRLF and bare CR/LF, the break characters, escapes of ASCII and
// of UTF-8 lead and continuation bytes, lone "=" and "=X", and lines around the 76-character limit.
const piece = fc.oneof(
  fc.constantFrom('a', 'Z', '0', 'f', ' ', '\t', '.', ',', '!', '?', '=', '=A', '=f', '\r\n', '\n', '\r'),
  fc.constantFrom('=3D', '=20', '=C3', '=A9', '=E2', '=82', '=AC', '=F0', '=9F', '=98', '=80', '=c3', '=a9'),
  fc.constantFrom('x'.repeat(60), 'y'.repeat(75), 'z'.repeat(76), 'w'.repeat(77), ' '.repeat(30), '\u2028'),
);
const text = fc.array(piece, { maxLength: 80 }).map((parts) => parts.join(''));

describe('qpWrap', () => {
  test('breaks lines exactly where nodemailer does, for any mix of lines, words and escapes', () => {
    fc.assert(
      fc.property(text, (str) => {
        expect(qpWrap(str, 76)).toBe(wrap(str, 76));
      }),
      { numRuns: 5000 },
    );
  });

  test('the same for the quoted-printable of any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (raw) => {
        const encoded = quotedPrintable(raw);
        expect(qpWrap(encoded, 76)).toBe(wrap(encoded, 76));
      }),
      { numRuns: 3000 },
    );
  });

  test('any line length, as nodemailer (0 means 76, and lengths below 4 become 4)', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 90 }), (str, lineLength) => {
        expect(qpWrap(str, lineLength)).toBe(wrap(str, lineLength));
      }),
      { numRuns: 2000 },
    );
  });

  test('keeps short input as it is and never writes a line over 76 characters', () => {
    expect(qpWrap('short =C3=A9 line')).toBe('short =C3=A9 line');
    const wrapped = qpWrap(`${'word '.repeat(40)}=C3=A9${'x'.repeat(200)}`);
    for (const line of wrapped.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
  });
});
