import addressparser from 'nodemailer/lib/addressparser';
import { MessageCompositionError } from './composition-error.js';
import { assertNoLineBreak } from './header-safety.js';

/** One mailbox, `name` empty when the input had no display name. */
export interface Mailbox {
  name: string;
  address: string;
}

const ADDR_SPEC = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+$/;

/**
 * Parses `addr` or `Alias <addr>` into exactly one mailbox. Structured values (instead of the raw
 * string) go to the composer, so it quotes and encodes the display name itself.
 */
export function parseMailbox(field: string, value: string): Mailbox {
  assertNoLineBreak(field, value);
  const parsed = addressparser(value, { flatten: true });
  const only = parsed[0];
  if (parsed.length !== 1 || !only) throw new MessageCompositionError(field, 'must be exactly one address');
  if (!ADDR_SPEC.test(only.address))
    throw new MessageCompositionError(field, `"${only.address}" is not an address`);
  return { name: only.name, address: only.address };
}

/** Parses each entry of a recipient list, naming the entry in errors (`to[3]`). */
export function parseMailboxes(field: string, values: readonly string[]): Mailbox[] {
  return values.map((value, index) => parseMailbox(`${field}[${index}]`, value));
}
