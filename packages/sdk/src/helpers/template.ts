import { ValidationError } from '../core/errors.js';

/**
 * A template variable reference: `{{`, optional spaces or tabs, a name of ASCII letters, digits, `_`, `.`
 * or `-`, optional spaces or tabs, `}}`. Anything else (unicode names, `{{}}`, a lone `{{`) is literal
 * text, so a template never fails to parse; it only has fewer variables than it seems to.
 */
const VARIABLE = /\{\{[ \t]*([A-Za-z0-9_.-]+)[ \t]*\}\}/g;

/** A template variable name as accepted by {@link extractVariables}. */
export const TEMPLATE_VARIABLE_NAME = /^[A-Za-z0-9_.-]+$/;

/** One template value; numbers are rendered with `String(value)`. */
export type TemplateValue = string | number;

/** Values for a template, keyed by variable name (the object form of the wire `TemplateData`). */
export type TemplateData = Readonly<Record<string, TemplateValue>>;

/** What {@link renderTemplate} does with a variable that `data` has no value for. */
export type MissingVariablePolicy = 'empty' | 'keep' | 'throw';

/** Options of {@link renderTemplate}. */
export interface RenderOptions {
  /**
   * Escape `& < > " '` in substituted values, for HTML bodies. The template text itself is never
   * touched: it is the author's markup, the values are data.
   * @default false
   */
  readonly escapeHtml?: boolean | undefined;
  /**
   * A variable without a value renders as nothing (`'empty'`), stays as written (`'keep'`, handy for
   * previews), or makes the call throw a `ValidationError` listing every missing name (`'throw'`).
   * @default 'empty'
   */
  readonly onMissing?: MissingVariablePolicy | undefined;
}

/** The parts of an email template that may contain variables. */
export interface TemplateParts {
  readonly subject?: string | undefined;
  readonly html?: string | undefined;
  readonly text?: string | undefined;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes the five characters that can change the meaning of HTML text or attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * Lists the variable names used in `text`, each once, in order of first appearance.
 * @example extractVariables('Hi {{ name }}, code {{code}} ({{name}})') // ['name', 'code']
 */
export function extractVariables(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(VARIABLE)) names.add(match[1]!);
  return [...names];
}

/** Lists the variable names used across subject, HTML and text, each once, in that order. */
export function extractTemplateVariables(parts: TemplateParts): string[] {
  return [
    ...new Set([
      ...extractVariables(parts.subject ?? ''),
      ...extractVariables(parts.html ?? ''),
      ...extractVariables(parts.text ?? ''),
    ]),
  ];
}

/**
 * Substitutes `{{var}}` references in one pass. Substituted values are final: a value that itself
 * contains `{{x}}` is output as is, never expanded again. Only the object's own keys count, so
 * `{{constructor}}` is not filled from `Object.prototype`; a `null` or `undefined` value is missing.
 * @throws {ValidationError} `templateData` when `onMissing` is `'throw'` and values are missing.
 * @example renderTemplate('<p>Hi {{name}}</p>', { name: 'Ann & Bob' }, { escapeHtml: true })
 * // '<p>Hi Ann &amp; Bob</p>'
 */
export function renderTemplate(text: string, data: TemplateData, options: RenderOptions = {}): string {
  const { escapeHtml: escapeValues = false, onMissing = 'empty' } = options;
  if (onMissing === 'throw') assertValues(extractVariables(text), data);
  // A replacer function (not a replacement string) keeps `$&` and friends in values literal, and
  // String#replace never rescans what it inserted, which is what makes values non-expanding.
  return text.replace(VARIABLE, (reference, name: string) => {
    if (!hasValue(data, name)) return onMissing === 'keep' ? reference : '';
    const value = String(data[name]);
    return escapeValues ? escapeHtml(value) : value;
  });
}

/**
 * Renders every part of a template the way the service fills an email: the HTML part with escaped
 * values, subject and text as plain text. Parts that are absent stay absent.
 */
export function renderTemplateParts(
  parts: TemplateParts,
  data: TemplateData,
  options: Pick<RenderOptions, 'onMissing'> = {},
): TemplateParts {
  const onMissing = options.onMissing ?? 'empty';
  if (onMissing === 'throw') assertValues(extractTemplateVariables(parts), data);
  const rendered: { subject?: string; html?: string; text?: string } = {};
  if (parts.subject !== undefined) rendered.subject = renderTemplate(parts.subject, data, { onMissing });
  if (parts.html !== undefined)
    rendered.html = renderTemplate(parts.html, data, { onMissing, escapeHtml: true });
  if (parts.text !== undefined) rendered.text = renderTemplate(parts.text, data, { onMissing });
  return rendered;
}

function assertValues(names: readonly string[], data: TemplateData): void {
  const missing = names.filter((name) => !hasValue(data, name));
  if (missing.length > 0) {
    throw new ValidationError('templateData', `missing value for template variables: ${missing.join(', ')}`);
  }
}

/** Own keys only (never `Object.prototype`); `null`/`undefined` from untyped callers count as missing. */
function hasValue(data: TemplateData, name: string): boolean {
  return Object.hasOwn(data, name) && data[name] != null;
}
