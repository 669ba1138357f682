import fc from 'fast-check';
import { hasLongerLines, isPlainText } from 'nodemailer/lib/mime-funcs';
import MimeNode from 'nodemailer/lib/mime-node';
import { encode } from 'nodemailer/lib/qp';
import { describe, expect, test } from 'vitest';
import { encodeText, quotedPrintable } from './mime-parts.js';

describe('quotedPrintable', () => {
  test.each([
    ['plain ASCII', 'Hello, world.'],
    ['equals signs', 'a=b==c'],
    ['trailing space and tab before line breaks and at the end', 'a \r\nb\t\nc \rd  '],
    ['controls and DEL', '\x00\x01\x1b\x7f'],
    ['Latin-1, CJK, emoji', 'Grüße 你好 🎉'],
    ['lone surrogates', 'a\ud800b\udc00'],
  ])('%s: same as nodemailer', (_name, text) => {
    expect(quotedPrintable(text)).toBe(encode(text));
  });

  test('any string: same as nodemailer', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(quotedPrintable(text)).toBe(encode(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('encodeText', () => {
  /** The transfer encoding nodemailer's MimeNode chooses for a text part. */
  function nodemailerChoice(text: string): string {
    if (isPlainText(text) && !hasLongerLines(text, 76)) return '7bit';
    return (new MimeNode() as unknown as { _getTextEncoding(value: string): string })._getTextEncoding(
      text,
    ) === 'Q'
      ? 'quoted-printable'
      : 'base64';
  }

  test.each([
    ['short ASCII lines', 'Hello\r\nworld'],
    ['a 77-character line', 'x'.repeat(77)],
    ['a 77-character line without a letter', '1'.repeat(77)],
    ['as many accents as letters', 'ééab'],
    ['76 characters, then U+2028 and 76 more', `${'x'.repeat(76)}\u2028${'y'.repeat(76)}`],
    [
      '76-character lines, then a 77-character one',
      `${'x'.repeat(76)}\r\n${'y'.repeat(76)}\r${'z'.repeat(77)}`,
    ],
    ['a 77-character line between two line breaks', `a\n${'x'.repeat(77)}\nb`],
    ['a control character', 'bell\x07'],
    ['mostly Latin with accents', 'Grüße aus Köln'],
    ['mostly CJK', '你好，世界 ok'],
    ['longer than 128 KiB', 'a\r\n'.repeat(45_000)],
  ])('%s: the encoding nodemailer chooses', (_name, text) => {
    expect(encodeText(text).encoding).toBe(nodemailerChoice(text));
  });

  test('any text: the encoding nodemailer chooses, and CRLF line ends only', () => {
    const line = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 90 }),
      fc.string({
        unit: fc.constantFrom('a', 'b', '1', ' ', '=', '\n', '\r', '\u00e9', '\x07', '\u2028'),
        maxLength: 200,
      }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 4 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        const { encoding, content } = encodeText(text);
        expect(encoding).toBe(nodemailerChoice(text));
        expect(/(?<!\r)\n/.test(content)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
