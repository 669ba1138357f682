import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTemplateDataSet, type TemplateDataVerdict } from './template-data-check.js';

/** The rules applied the slow way: every row parsed, no shortcut. */
function reference(texts: readonly string[], groupKeys: readonly string[] | undefined): TemplateDataVerdict {
  const signature = (keys: readonly string[]) => [...keys].sort().join('\u0000');
  let expected = groupKeys ? signature(groupKeys) : undefined;
  let keys = groupKeys;
  for (const [index, text] of texts.entries()) {
    const fail = (code: string) => ({ ok: false as const, problem: { code, index, message: '' } });
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return fail('InvalidParameterValue.TemplateDataError');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return fail('InvalidParameterValue.TemplateDataError');
    for (const value of Object.values(parsed)) {
      if (typeof value !== 'string' && typeof value !== 'number')
        return fail('InvalidParameterValue.TemplateDataError');
      if (typeof value === 'string' && /<[A-Za-z/!?]/.test(value))
        return fail('InvalidParameterValue.InValidTemplateData');
    }
    const names = Object.keys(parsed);
    if (expected === undefined) {
      expected = signature(names);
      keys = names;
    } else if (signature(names) !== expected) {
      return fail('InvalidParameterValue.TemplateDataInconsistent');
    }
  }
  return { ok: true, keys: keys ?? [] };
}

const summary = (verdict: TemplateDataVerdict) =>
  verdict.ok
    ? { ok: true, keys: verdict.keys }
    : { ok: false, code: verdict.problem.code, index: verdict.problem.index };

const key = fc.constantFrom('name', 'code', 'a.b', '<k>', 'é', '"q"', '__proto__');
const value = fc.oneof(
  fc.string(),
  fc.constantFrom('<b>x</b>', 'a < b', '</', '<!--', 'x\ny', '{{name}}', '\u2028'),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
);
// Rows serialised the ways clients do: compact, spaced, with `<` escaped as \u003c, or not JSON.
const row = fc
  .tuple(fc.dictionary(key, value, { maxKeys: 4 }), fc.constantFrom('compact', 'spaced', 'escaped', 'broken'))
  .map(([object, style]) => {
    const compact = JSON.stringify(object);
    if (style === 'spaced') return JSON.stringify(object, null, 1);
    if (style === 'escaped') return compact.replaceAll('<', '\\u003c');
    if (style === 'broken') return compact.slice(0, -1);
    return compact;
  });

describe('checkTemplateDataSet (property)', () => {
  it('gives the same verdict as parsing every row', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 8 }),
        fc.option(fc.uniqueArray(key, { maxLength: 3 }), { nil: undefined }),
        (texts, groupKeys) => {
          expect(summary(checkTemplateDataSet(texts, groupKeys))).toEqual(
            summary(reference(texts, groupKeys)),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('agrees on long runs of one shape with a single odd row anywhere', () => {
    fc.assert(
      fc.property(fc.nat(30), row, (at, odd) => {
        const texts = Array.from({ length: 31 }, (_, i) => JSON.stringify({ name: `n${i}`, code: i }));
        texts[at] = odd;
        expect(summary(checkTemplateDataSet(texts, undefined))).toEqual(summary(reference(texts, undefined)));
      }),
      { numRuns: 1000 },
    );
  });
});
