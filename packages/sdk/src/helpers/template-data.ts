import { ValidationError } from '../core/errors.js';
import type { TemplateData } from './template.js';

/** The service's limit on one recipient's serialised `TemplateData`, in UTF-8 bytes. */
export const TEMPLATE_DATA_MAX_BYTES = 800;

/** Options of {@link checkTemplateData}. */
export interface TemplateDataCheckOptions {
  /**
   * The template's variables (see `extractTemplateVariables`). When given, every variable needs a
   * value and every key must be a variable; when omitted, keys are not compared.
   */
  readonly variables?: readonly string[] | undefined;
  /**
   * Largest serialised size accepted, in UTF-8 bytes.
   * @default 800
   */
  readonly maxBytes?: number | undefined;
}

/**
 * A tag, end tag, comment or declaration opener: `<` followed by a letter, `/`, `!` or `?`. A bare
 * `<` followed by a space or digit (`a < b`, `<3`) is plain text and passes.
 */
const HTML_MARKUP = /<[A-Za-z/!?]/;

const encoder = new TextEncoder();

/**
 * Serialises template values to the wire `TemplateData` string: a flat JSON object whose values are
 * all strings (the service documents key → string), keys in insertion order. `{}` when empty.
 * @example serializeTemplateData({ name: 'Ann', code: 42 }) // '{"name":"Ann","code":"42"}'
 */
export function serializeTemplateData(data: TemplateData): string {
  // fromEntries defines every key, `__proto__` included, where an assignment would set the prototype.
  return JSON.stringify(Object.fromEntries(Object.entries(data).map(([key, value]) => [key, String(value)])));
}

/**
 * Checks template values against the service's rules before anything is sent, and returns the
 * serialised wire string. `data` is an object, or a wire string (checked and returned unchanged,
 * since that is what the service measures).
 *
 * Rules, in the order checked: a flat JSON object; values are strings or finite numbers; no value
 * contains HTML markup (the service answers `InvalidParameterValue.InValidTemplateData`); keys match
 * `variables` when given (unused keys and missing variables are both listed); at most `maxBytes`
 * UTF-8 bytes once serialised (`TemplateDataLenLimit`).
 * @throws {ValidationError} field `templateData`, with the broken rule and the offending names.
 * @example checkTemplateData({ name: 'Ann' }, { variables: ['name'] }) // '{"name":"Ann"}'
 */
export function checkTemplateData(data: unknown, options: TemplateDataCheckOptions = {}): string {
  const maxBytes = options.maxBytes ?? TEMPLATE_DATA_MAX_BYTES;
  const values = typeof data === 'string' ? parseJson(data) : data;
  if (!isPlainObject(values)) {
    throw invalid('must be a flat JSON object of string or number values');
  }
  const entries = Object.entries(values);
  for (const [key, value] of entries) {
    const ok = typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
    if (!ok) throw invalid(`value of "${key}" must be a string or a finite number, got ${describe(value)}`);
  }
  const withHtml = entries.filter(([, value]) => typeof value === 'string' && HTML_MARKUP.test(value));
  if (withHtml.length > 0) {
    throw invalid(
      `values must not contain HTML (InValidTemplateData): ${withHtml.map(([key]) => key).join(', ')}`,
    );
  }
  if (options.variables) checkKeys(Object.keys(values), options.variables);
  const serialised = typeof data === 'string' ? data : serializeTemplateData(values as TemplateData);
  const bytes = encoder.encode(serialised).length;
  if (bytes > maxBytes) {
    throw invalid(`is ${bytes} bytes once serialised (UTF-8); the limit is ${maxBytes}`);
  }
  return serialised;
}

function checkKeys(keys: readonly string[], variables: readonly string[]): void {
  const expected = new Set(variables);
  const given = new Set(keys);
  const unused = keys.filter((key) => !expected.has(key));
  const missing = [...expected].filter((name) => !given.has(name));
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`template variables without a value: ${missing.join(', ')}`);
  if (unused.length > 0) problems.push(`keys not used by the template: ${unused.join(', ')}`);
  if (problems.length > 0) throw invalid(problems.join('; '));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalid('is not valid JSON');
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' || value === undefined) return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function invalid(rule: string): ValidationError {
  return new ValidationError('templateData', rule);
}
