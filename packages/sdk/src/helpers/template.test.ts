import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.js';
import {
  escapeHtml,
  extractTemplateVariables,
  extractVariables,
  renderTemplate,
  renderTemplateParts,
  TEMPLATE_VARIABLE_NAME,
} from './template.js';

describe('extractVariables', () => {
  it('lists each name once, in order of first appearance', () => {
    expect(extractVariables('{{b}} {{a}} {{b}} {{c}} {{a}}')).toEqual(['b', 'a', 'c']);
  });

  it('accepts spaces and tabs inside the braces', () => {
    expect(extractVariables('{{ name }} {{\tcode\t}} {{  x}}')).toEqual(['name', 'code', 'x']);
  });

  it('accepts letters, digits, underscore, dot and hyphen in names', () => {
    expect(extractVariables('{{user.first_name}} {{order-id}} {{2fa}}')).toEqual([
      'user.first_name',
      'order-id',
      '2fa',
    ]);
  });

  it.each([
    ['empty braces', '{{}}'],
    ['only spaces', '{{   }}'],
    ['a space inside the name', '{{first name}}'],
    ['unicode name', '{{名字}} {{prénom}}'],
    ['single braces', '{name}'],
    ['unclosed', '{{name'],
    ['unopened', 'name}}'],
    ['newline inside', '{{\nname\n}}'],
    ['punctuation', '{{a!}} {{a/b}}'],
  ])('treats %s as literal text', (_label, text) => {
    expect(extractVariables(text)).toEqual([]);
  });

  it('finds the innermost reference in nested braces', () => {
    expect(extractVariables('{{{name}}}')).toEqual(['name']);
    expect(extractVariables('{{a{{b}}}}')).toEqual(['b']);
    expect(extractVariables('{{outer {{inner}} }}')).toEqual(['inner']);
  });

  it('returns nothing for text without references', () => {
    expect(extractVariables('')).toEqual([]);
    expect(extractVariables('plain {text} with } and {')).toEqual([]);
  });

  it('is repeatable (the global pattern keeps no state between calls)', () => {
    const text = 'Hi {{name}}';
    expect(extractVariables(text)).toEqual(['name']);
    expect(extractVariables(text)).toEqual(['name']);
  });
});

describe('extractTemplateVariables', () => {
  it('merges subject, HTML and text in that order, without duplicates', () => {
    expect(
      extractTemplateVariables({
        subject: 'Order {{order}} for {{name}}',
        html: '<p>{{name}}: {{total}}</p>',
        text: '{{total}} {{footer}}',
      }),
    ).toEqual(['order', 'name', 'total', 'footer']);
  });

  it('tolerates missing parts', () => {
    expect(extractTemplateVariables({ text: '{{a}}' })).toEqual(['a']);
    expect(extractTemplateVariables({ subject: undefined })).toEqual([]);
  });
});

describe('renderTemplate', () => {
  it('substitutes string and number values, with or without inner spaces', () => {
    expect(renderTemplate('Hi {{ name }}, code {{code}}.', { name: 'Ann', code: 42 })).toBe(
      'Hi Ann, code 42.',
    );
  });

  it('renders missing values as empty by default', () => {
    expect(renderTemplate('[{{a}}][{{b}}]', { a: 'x' })).toBe('[x][]');
  });

  it("keeps missing references as written with onMissing 'keep'", () => {
    expect(renderTemplate('[{{a}}][{{ b }}]', { a: 'x' }, { onMissing: 'keep' })).toBe('[x][{{ b }}]');
  });

  it("throws naming every missing variable with onMissing 'throw'", () => {
    const call = () => renderTemplate('{{a}} {{b}} {{c}} {{b}}', { a: 1 }, { onMissing: 'throw' });
    expect(call).toThrow(ValidationError);
    expect(call).toThrow('templateData: missing value for template variables: b, c');
  });

  it('does not throw when everything is present', () => {
    expect(renderTemplate('{{a}}', { a: '' }, { onMissing: 'throw' })).toBe('');
  });

  it('ignores inherited properties such as constructor and toString', () => {
    expect(renderTemplate('[{{constructor}}][{{toString}}]', {})).toBe('[][]');
    expect(() => renderTemplate('{{constructor}}', {}, { onMissing: 'throw' })).toThrow('constructor');
  });

  it('treats null and undefined values from untyped callers as missing', () => {
    const data = JSON.parse('{"a":null}') as Record<string, string>;
    expect(renderTemplate('[{{a}}]', data)).toBe('[]');
    expect(renderTemplate('[{{a}}]', data, { onMissing: 'keep' })).toBe('[{{a}}]');
    expect(() => renderTemplate('{{a}}', data, { onMissing: 'throw' })).toThrow('variables: a');
  });

  it('never re-expands a value that contains a reference', () => {
    expect(renderTemplate('{{a}}', { a: '{{b}}', b: 'SECRET' })).toBe('{{b}}');
  });

  it('keeps $ patterns in values literal', () => {
    expect(renderTemplate('{{a}}', { a: "$& $1 $$ $` $'" })).toBe("$& $1 $$ $` $'");
  });

  it('leaves literal braces and unicode references untouched', () => {
    expect(renderTemplate('{{}} {{名字}} {x} {{{a}}}', { a: 'A', 名字: 'n' })).toBe('{{}} {{名字}} {x} {A}');
  });

  it('escapes values, not the template, when escapeHtml is set', () => {
    const html = '<p title="{{t}}">{{body}}</p>';
    expect(
      renderTemplate(html, { t: `"x" & 'y'`, body: '<script>alert(1)</script>' }, { escapeHtml: true }),
    ).toBe('<p title="&quot;x&quot; &amp; &#39;y&#39;">&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('does not escape by default (subjects and plain text are not HTML)', () => {
    expect(renderTemplate('{{a}}', { a: '<b>&' })).toBe('<b>&');
  });
});

describe('escapeHtml', () => {
  it('escapes the five significant characters and nothing else', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a> é 名`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; é 名',
    );
  });

  it('escapes an existing entity again (values are data, not markup)', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('renderTemplateParts', () => {
  it('escapes the HTML part only and keeps absent parts absent', () => {
    const parts = { subject: 'For {{n}}', html: '<b>{{n}}</b>' };
    expect(renderTemplateParts(parts, { n: 'A&B' })).toEqual({ subject: 'For A&B', html: '<b>A&amp;B</b>' });
  });

  it('checks every part before rendering when asked to throw', () => {
    expect(() =>
      renderTemplateParts({ subject: '{{s}}', text: '{{t}}' }, { s: 1 }, { onMissing: 'throw' }),
    ).toThrow('missing value for template variables: t');
  });
});

describe('template properties', () => {
  const name = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/);
  const literal = fc.string({ maxLength: 20 });
  const template = fc
    .array(
      fc.oneof(
        literal,
        name.map((n) => `{{${n}}}`),
      ),
      { maxLength: 10 },
    )
    .map((p) => p.join(''));

  it('every extracted name matches the documented grammar', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        for (const variable of extractVariables(text)) expect(variable).toMatch(TEMPLATE_VARIABLE_NAME);
      }),
    );
  });

  it('a rendered value is never expanded again', () => {
    fc.assert(
      fc.property(template, name, name, (text, a, b) => {
        fc.pre(a !== b);
        const data = { [a]: `{{${b}}}`, [b]: 'EXPANDED' };
        const rendered = renderTemplate(`${text}{{${a}}}`, data);
        expect(rendered.endsWith(`{{${b}}}`)).toBe(true);
      }),
    );
  });

  it('rendering with full data leaves no reference behind', () => {
    // Literal braces next to a reference could pair with a value to form a new one (`{{ {{a}} }}`
    // with a = 'x'), so literal text and values here are brace-free; references carry the braces.
    const braceFree = fc.string({ maxLength: 20 }).map((s) => s.replace(/[{}]/g, ''));
    const text = fc
      .array(
        fc.oneof(
          braceFree,
          name.map((n) => `{{ ${n} }}`),
        ),
        { maxLength: 10 },
      )
      .map((p) => p.join(''));
    fc.assert(
      fc.property(text, braceFree, (t, value) => {
        const data = Object.fromEntries(extractVariables(t).map((v) => [v, value]));
        const rendered = renderTemplate(t, data, { onMissing: 'throw' });
        expect(extractVariables(rendered)).toEqual([]);
        expect(rendered).not.toContain('{{');
      }),
    );
  });

  it("with no data and onMissing 'keep', rendering is the identity", () => {
    fc.assert(
      fc.property(template, (t) => {
        expect(renderTemplate(t, {}, { onMissing: 'keep' })).toBe(t);
      }),
    );
  });

  it('escaped values contain no raw markup characters', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(renderTemplate('{{v}}', { v: value }, { escapeHtml: true })).not.toMatch(/[<>"']/);
      }),
    );
  });
});
