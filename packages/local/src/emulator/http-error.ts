/**
 * A request refused with a client error. The emulator's router answers it as `{ "error": message }`
 * with `status`; the dashboard answers it with its own security headers.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * Decodes one percent-encoded path segment (a message id). Malformed encoding (`%E0%A4%A`, `%ZZ`)
 * is the client's mistake, so it is a 400 naming `what`, not the URIError's 500.
 */
export function decodePathSegment(segment: string, what: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `malformed ${what}`);
  }
}
