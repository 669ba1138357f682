import { ValidationError } from '@ses-cli/sdk';

/**
 * Runs a wire call whose payload was built from flags, re-labelling a `ValidationError` on a wire
 * field (`Destination.0`) with the flag it came from (`--to`), so the message names what the user
 * typed. Other errors pass through unchanged.
 */
export async function withFlagNames<T>(
  names: Readonly<Record<string, string>>,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const [head = '', ...rest] = error.field.split('.');
    const flag = names[head];
    if (flag === undefined) throw error;
    // The index of a repeated flag (`--to` given twice) reads better counted from 1.
    const position = rest.length > 0 && /^\d+$/.test(rest[0] ?? '') ? ` (value ${Number(rest[0]) + 1})` : '';
    throw new ValidationError(`${flag}${position}`, error.rule);
  }
}
