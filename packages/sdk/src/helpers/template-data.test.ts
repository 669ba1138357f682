import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.js';
import { checkTemplateData, serializeTemplateData, TEMPLATE_DATA_MAX_BYTES } from './template-data.js';

/** The ValidationError a call throws (fails the test when it does not throw one). */
function failure(call: () => unknown): ValidationError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

/** `{ k: … }` serialising to exactly `bytes` UTF-8 bytes: as many `char` as fit, padded with `x`. */
function dataOfBytes(bytes: number, char: string): { k: string } {
  const room = bytes - '{"k":""}'.length;
  const width = new TextEncoder().encode(char).length;
  const count = Math.floor(room / width);
  return { k: 'x'.repeat(room - count * width) + char.repeat(count) };
}

describe('serializeTemplateData', () => {
  it('writes a flat JSON object of strings, keys in insertion order', () => {
    expect(serializeTemplateData({ name: 'Ann', code: 42, pi: 3.5 })).toBe(
      '{"name":"Ann","code":"42","pi":"3.5"}',
    );
  });

  it('keeps a key named __proto__ (a valid variable name)', () => {
    expect(serializeTemplateData(JSON.parse('{"__proto__":"x","b":"y"}'))).toBe('{"__proto__":"x","b":"y"}');
  });

  it('writes {} for no values', () => {
    expect(serializeTemplateData({})).toBe('{}');
  });

  it('escapes like JSON and keeps unicode as is', () => {
    expect(serializeTemplateData({ q: 'say "hi"\n', zh: '你好' })).toBe(
      '{"q":"say \\"hi\\"\\n","zh":"你好"}',
    );
  });
});

describe('checkTemplateData', () => {
  it('returns the serialised string for valid data', () => {
    expect(checkTemplateData({ name: 'Ann', n: 1 }, { variables: ['name', 'n'] })).toBe(
      '{"name":"Ann","n":"1"}',
    );
    expect(checkTemplateData({})).toBe('{}');
  });

  it('returns a valid wire string unchanged', () => {
    const wire = '{ "name": "Ann", "age": 30 }';
    expect(checkTemplateData(wire, { variables: ['name', 'age'] })).toBe(wire);
  });

  it('rejects a wire string that is not JSON', () => {
    expect(failure(() => checkTemplateData('{name: Ann}')).message).toBe('templateData: is not valid JSON');
  });

  it.each([
    ['null', null],
    ['an array', ['a']],
    ['a number', 5],
    ['a JSON array string', '["a"]'],
    ['a class instance', new Date(0)],
    ['a Map', new Map([['a', 'b']])],
  ])('rejects %s as not a flat object', (_label, value) => {
    const error = failure(() => checkTemplateData(value));
    expect(error.field).toBe('templateData');
    expect(error.rule).toBe('must be a flat JSON object of string or number values');
  });

  it.each([
    [
      'a nested object',
      { user: { name: 'x' } },
      'value of "user" must be a string or a finite number, got an object',
    ],
    ['an array value', { list: [1] }, 'value of "list" must be a string or a finite number, got an array'],
    ['null', { gone: null }, 'value of "gone" must be a string or a finite number, got null'],
    ['a boolean', { ok: true }, 'value of "ok" must be a string or a finite number, got a boolean'],
    ['NaN', { n: Number.NaN }, 'value of "n" must be a string or a finite number, got NaN'],
    [
      'Infinity',
      { n: Number.POSITIVE_INFINITY },
      'value of "n" must be a string or a finite number, got Infinity',
    ],
  ])('rejects %s as a value', (_label, value, rule) => {
    expect(failure(() => checkTemplateData(value)).rule).toBe(rule);
  });

  it('accepts an object without a prototype', () => {
    const data = Object.assign(Object.create(null) as Record<string, string>, { a: 'b' });
    expect(checkTemplateData(data)).toBe('{"a":"b"}');
  });

  it.each([
    ['a tag', '<b>bold</b>'],
    ['a script', '<script>alert(1)</script>'],
    ['an end tag', 'text</p>'],
    ['a comment', '<!-- x -->'],
    ['an uppercase tag', '<IMG SRC=x>'],
  ])('rejects HTML in values (%s) and names the keys', (_label, html) => {
    const error = failure(() => checkTemplateData({ ok: 'fine', bad: html, worse: html }));
    expect(error.rule).toBe('values must not contain HTML (InValidTemplateData): bad, worse');
  });

  it('accepts angle brackets that are not markup', () => {
    expect(checkTemplateData({ a: '1 < 2 > 0', b: '<3', c: 'a <= b', d: '&amp;' })).toContain('1 < 2 > 0');
  });

  it('lists template variables without a value and keys the template does not use', () => {
    const error = failure(() =>
      checkTemplateData({ name: 'A', extra: 'x', more: 'y' }, { variables: ['name', 'code', 'url'] }),
    );
    expect(error.rule).toBe(
      'template variables without a value: code, url; keys not used by the template: extra, more',
    );
  });

  it('reports only the missing side when no key is unused', () => {
    expect(failure(() => checkTemplateData({}, { variables: ['a'] })).rule).toBe(
      'template variables without a value: a',
    );
  });

  it('reports only unused keys when nothing is missing', () => {
    expect(failure(() => checkTemplateData({ a: '1', b: '2' }, { variables: ['a'] })).rule).toBe(
      'keys not used by the template: b',
    );
  });

  it('accepts {} for a template without variables', () => {
    expect(checkTemplateData({}, { variables: [] })).toBe('{}');
  });

  describe('size limit', () => {
    it('defaults to 800 bytes', () => {
      expect(TEMPLATE_DATA_MAX_BYTES).toBe(800);
    });

    it.each([
      ['ASCII', 'a', 1],
      ['Latin-1', 'é', 2],
      ['CJK', '中', 3],
      ['emoji', '😀', 4],
    ])(
      'accepts exactly 800 bytes and rejects one more %s character (%s, %i bytes)',
      (_label, char, width) => {
        const atLimit = dataOfBytes(800, char);
        expect(checkTemplateData(atLimit)).toBe(JSON.stringify(atLimit));
        const over = { k: `${atLimit.k}${char}` };
        expect(failure(() => checkTemplateData(over)).rule).toBe(
          `is ${800 + width} bytes once serialised (UTF-8); the limit is 800`,
        );
      },
    );

    it('counts bytes, not characters', () => {
      const data = { k: '中'.repeat(265) }; // 265 characters, 795 + 8 = 803 bytes
      expect(JSON.stringify(data).length).toBeLessThan(800);
      expect(failure(() => checkTemplateData(data)).rule).toBe(
        'is 803 bytes once serialised (UTF-8); the limit is 800',
      );
    });

    it('counts JSON escapes in the size', () => {
      const data = { k: '"'.repeat(396) }; // each quote serialises as \" (2 bytes): 792 + 8 = 800
      expect(checkTemplateData(data)).toHaveLength(800);
      expect(() => checkTemplateData({ k: '"'.repeat(397) })).toThrow('is 802 bytes');
    });

    it('measures a wire string as given', () => {
      const wire = `{"k":  "${'a'.repeat(791)}"}`; // 801 bytes because of the extra spaces
      expect(failure(() => checkTemplateData(wire)).rule).toBe(
        'is 801 bytes once serialised (UTF-8); the limit is 800',
      );
    });

    it('honours a custom maxBytes', () => {
      expect(() => checkTemplateData({ a: 'bcd' }, { maxBytes: 10 })).toThrow('is 11 bytes');
      expect(checkTemplateData({ a: 'bc' }, { maxBytes: 10 })).toBe('{"a":"bc"}');
    });

    it('agrees with TextEncoder for arbitrary strings', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (value) => {
          fc.pre(!/<[A-Za-z/!?]/.test(value));
          const bytes = new TextEncoder().encode(JSON.stringify({ v: value })).length;
          if (bytes <= 800) expect(checkTemplateData({ v: value })).toBe(JSON.stringify({ v: value }));
          else expect(() => checkTemplateData({ v: value })).toThrow(`is ${bytes} bytes`);
        }),
      );
    });
  });
});
