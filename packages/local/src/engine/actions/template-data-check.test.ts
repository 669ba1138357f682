import { describe, expect, it } from 'vitest';
import { checkTemplateDataSet } from './template-data-check.js';

const codeOf = (verdict: ReturnType<typeof checkTemplateDataSet>) =>
  verdict.ok ? 'ok' : `${verdict.problem.code}@${verdict.problem.index}`;

describe('checkTemplateDataSet', () => {
  it('returns the first row key order and accepts rows in any key order or spacing', () => {
    const verdict = checkTemplateDataSet(
      ['{"name":"A","code":1}', '{"code":"2","name":"B"}', '{ "name" : "C", "code" : 3.5e2 }'],
      undefined,
    );
    expect(verdict).toEqual({ ok: true, keys: ['name', 'code'] });
  });

  it('finds HTML even when it hides behind a \\u escape or comes after fast-path rows', () => {
    const rows = Array.from({ length: 5 }, (_, i) => JSON.stringify({ name: `n${i}` }));
    expect(codeOf(checkTemplateDataSet([...rows, '{"name":"\\u003cb>x"}'], undefined))).toBe(
      'InvalidParameterValue.InValidTemplateData@5',
    );
    expect(codeOf(checkTemplateDataSet([...rows, '{"name":"<script>"}'], undefined))).toBe(
      'InvalidParameterValue.InValidTemplateData@5',
    );
    // A bare "<" that opens no tag is text.
    expect(codeOf(checkTemplateDataSet([...rows, '{"name":"a < b"}'], undefined))).toBe('ok');
  });

  it('refuses nested values, non-objects and inconsistent names with the row index', () => {
    expect(codeOf(checkTemplateDataSet(['{"a":"1"}', '{"a":{"b":1}}'], undefined))).toBe(
      'InvalidParameterValue.TemplateDataError@1',
    );
    expect(codeOf(checkTemplateDataSet(['{"a":"1"}', '{"a":[1]}'], undefined))).toBe(
      'InvalidParameterValue.TemplateDataError@1',
    );
    expect(codeOf(checkTemplateDataSet(['{"a":true}'], undefined))).toBe(
      'InvalidParameterValue.TemplateDataError@0',
    );
    expect(codeOf(checkTemplateDataSet(['{"a":"1"}', '{"a":"2","b":"3"}'], undefined))).toBe(
      'InvalidParameterValue.TemplateDataInconsistent@1',
    );
    expect(codeOf(checkTemplateDataSet(['{"a":"1","a":"2"}'], ['a']))).toBe('ok');
    expect(codeOf(checkTemplateDataSet(['{"b":"1"}'], ['a']))).toBe(
      'InvalidParameterValue.TemplateDataInconsistent@0',
    );
  });

  it('treats keys with regular-expression characters literally', () => {
    const rows = ['{"a.b":"1","c+":"2"}', '{"aXb":"1","c+":"2"}'];
    expect(codeOf(checkTemplateDataSet(rows, undefined))).toBe(
      'InvalidParameterValue.TemplateDataInconsistent@1',
    );
  });
});
