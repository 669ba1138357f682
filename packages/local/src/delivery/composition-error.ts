/**
 * A message could not be composed because one of its inputs would break the message: a CR/LF that
 * would inject a header, a file name that escapes its directory, a header name that is not a token.
 * A plain `Error` (not an API error): the engine decides which service code it becomes.
 */
export class MessageCompositionError extends Error {
  override readonly name = 'MessageCompositionError';

  constructor(
    /** The offending input, e.g. `subject`, `headers.X-Tag`, `attachments[2].filename`. */
    readonly field: string,
    /** The rule it breaks, in words. */
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}
