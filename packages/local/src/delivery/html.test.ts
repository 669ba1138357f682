import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { insertBeforeBodyEnd } from './html.js';

describe('insertBeforeBodyEnd', () => {
  test.each([
    ['before the last body end', '<body>a</body>x</body>', '<body>a</body>x[F]</body>'],
    ['any case', '<BODY>a</Body>', '<BODY>a[F]</Body>'],
    ['not inside a comment', '<body>a</body><!-- </body> -->', '<body>a[F]</body><!-- </body> -->'],
    ['appended without a body end', '<p>hi</p>', '<p>hi</p>[F]'],
    ['after text that lower-cases to more characters', '<body>İİ</body>', '<body>İİ[F]</body>'],
  ])('%s', (_name, html, expected) => {
    expect(insertBeforeBodyEnd(html, '[F]')).toBe(expected);
  });

  test('any HTML: where a lower-cased copy puts it, when lower-casing keeps the positions', () => {
    function byLowerCopy(html: string, fragment: string): string {
      const lower = html.toLowerCase();
      let at = lower.lastIndexOf('</body>');
      while (at !== -1 && lower.lastIndexOf('<!--', at) > lower.lastIndexOf('-->', at)) {
        at = lower.lastIndexOf('</body>', at - 1);
      }
      return at === -1 ? html + fragment : html.slice(0, at) + fragment + html.slice(at);
    }
    const piece = fc.constantFrom(
      '</body>',
      '</BODY>',
      '</Body>',
      '<!--',
      '-->',
      'x',
      ' ',
      '<body>',
      '</bod',
      // Pieces that only make a body end (or a comment) together.
      '</',
      '<',
      'bo',
      'dY>',
      'B',
      '<!-',
      '-',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const html = pieces.join('');
        expect(insertBeforeBodyEnd(html, '[F]')).toBe(byLowerCopy(html, '[F]'));
      }),
      { numRuns: 3000 },
    );
  });
});
