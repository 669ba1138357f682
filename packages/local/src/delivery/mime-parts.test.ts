import fc from 'fast-check';
import { encode } from 'nodemailer/lib/qp';
import { describe, expect, test } from 'vitest';
import { quotedPrintable } from './mime-parts.js';

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
