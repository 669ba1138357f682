import { operations, ValidationError } from '@ses-cli/sdk';
import type { Wire } from './session.js';

/**
 * Validates a wire payload against the SDK operation table exactly as the client would before
 * sending, and returns it as it would go out. Used by `--dry-run`.
 * @throws {ValidationError} naming the first offending field
 */
export async function validateWire(action: string, payload: Wire): Promise<Wire> {
  const operation = (
    operations as Record<string, { input: { safeParse(v: unknown): SafeParse } } | undefined>
  )[action];
  if (!operation) throw new ValidationError('action', `unknown action "${action}"`);
  const parsed = operation.input.safeParse(payload);
  if (parsed.success) return parsed.data as Wire;
  const issue = parsed.error?.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'payload';
  throw new ValidationError(field, issue?.message ?? 'invalid');
}

interface SafeParse {
  success: boolean;
  data?: unknown;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}
