import { ValidationError } from '../../core/errors.js';
import type { TemplateData } from '../../helpers/template.js';
import { checkTemplateData } from '../../helpers/template-data.js';

/**
 * Checks template values and serialises them to the wire `TemplateData` string (`{}` when absent):
 * flat string/number values, no HTML, ≤ 800 bytes, and, when the template's variables are known,
 * keys that match them. Errors are re-labelled with the caller's field name.
 * @throws {ValidationError} naming `field`
 */
export function serializeTemplateData(
  data: TemplateData | undefined,
  field: string,
  variables?: readonly string[],
): string {
  // No data is `{}`, which still has to cover the template's variables when they are known.
  if (data === undefined && !variables?.length) return '{}';
  try {
    return checkTemplateData(data ?? {}, { variables });
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(field, error.rule);
    throw error;
  }
}

/** Parses a wire `TemplateData` string back to an object; malformed or empty gives `undefined`. */
export function parseTemplateData(value: string | undefined): Record<string, string> | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    return Object.fromEntries(Object.entries(parsed).map(([key, v]) => [key, String(v)]));
  } catch {
    return undefined;
  }
}
