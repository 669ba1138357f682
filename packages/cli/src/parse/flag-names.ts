import { ValidationError, withFieldNames } from '@ses-cli/sdk';

/**
 * Runs a wire call whose payload was built from flags, re-labelling a `ValidationError` on a wire
 * field (`Destination.0`) with the flag it came from (`--to (value 1)`), so the message names what
 * the user typed. Other errors pass through unchanged.
 */
export async function withFlagNames<T>(
  names: Readonly<Record<string, string>>,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await withFieldNames(names, call);
  } catch (error) {
    // `--to.0` → `--to (value 1)`: the values of a repeated flag, counted from 1.
    const indexed = error instanceof ValidationError ? /^(--\S+?)\.(\d+)$/.exec(error.field) : null;
    if (indexed && error instanceof ValidationError) {
      throw new ValidationError(`${indexed[1]} (value ${Number(indexed[2]) + 1})`, error.rule);
    }
    throw error;
  }
}
