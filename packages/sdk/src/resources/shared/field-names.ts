import { ValidationError } from '../../core/errors.js';

/**
 * Re-labels a wire-level `ValidationError` (PascalCase path, e.g. `Destination.3`) with the public
 * camelCase name (`to.3`), so errors name what the caller wrote. Other errors pass through.
 */
export async function withFieldNames<T>(
  names: Readonly<Record<string, string>>,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const [head = '', ...rest] = error.field.split('.');
    const renamed = names[head];
    if (renamed === undefined) throw error;
    throw new ValidationError([renamed, ...rest].join('.'), error.rule);
  }
}
