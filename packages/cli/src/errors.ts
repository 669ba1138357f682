/**
 * CLI-level failures and the one mapping from any error to an exit code. Errors from the SDK are
 * classified by name (not `instanceof`) so this module never has to load the SDK: `--help` and
 * usage errors stay fast.
 */

/** Exit codes, documented in docs/cli.md. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  config: 3,
  partial: 4,
  interrupted: 130,
} as const;

/** The user asked for something malformed: unknown flag, bad date, missing file, invalid JSON. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/** Configuration is missing or unusable (profile, data directory, credentials). */
export class CliConfigError extends Error {
  override readonly name: string = 'ConfigError';
}

/** Some items of a batch operation failed while others succeeded; carries the data to print. */
export class PartialFailureError extends Error {
  override readonly name: string = 'PartialFailureError';
  constructor(
    message: string,
    /** The command's result, printed before the error. */
    readonly result: unknown,
  ) {
    super(message);
  }
}

/** The user pressed Ctrl-C (SIGINT) while a command ran. */
export class InterruptedError extends Error {
  override readonly name: string = 'InterruptedError';
  constructor() {
    super('interrupted');
  }
}

/** Commander's parse failures and help/version displays, re-thrown with their exit intent. */
export class CommanderExit extends Error {
  override readonly name: string = 'CommanderExit';
  constructor(
    message: string,
    readonly exitCode: number,
    readonly code: string,
  ) {
    super(message);
  }
}

const USAGE_NAMES = new Set(['UsageError', 'ValidationError']);
const CONFIG_NAMES = new Set(['ConfigError', 'AuthError', 'PermissionDeniedError']);

/** The exit code for any thrown value (0 never: an error is never success). */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderExit) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof InterruptedError) return EXIT.interrupted;
  if (error instanceof PartialFailureError) return EXIT.partial;
  const name = error instanceof Error ? error.name : '';
  if (name === 'AbortError') return EXIT.interrupted;
  // Client-side validation is a usage error; the service refusing a parameter is an API failure.
  if (USAGE_NAMES.has(name)) return EXIT.usage;
  if (CONFIG_NAMES.has(name)) return EXIT.config;
  return EXIT.failure;
}

function hasCode(error: unknown): boolean {
  return typeof (error as { code?: unknown }).code === 'string';
}

/** The `--json` error document: `{ "error": { type, code, message, requestId } }`. */
export function errorDocument(error: unknown): {
  error: { type: string; code: string | null; message: string; requestId: string | null };
} {
  const e = error as { name?: unknown; code?: unknown; message?: unknown; requestId?: unknown };
  return {
    error: {
      type: typeof e.name === 'string' ? e.name : 'Error',
      code: typeof e.code === 'string' ? e.code : null,
      message: typeof e.message === 'string' ? e.message : String(error),
      requestId: typeof e.requestId === 'string' ? e.requestId : null,
    },
  };
}

/** True for errors that are expected outcomes (bad input, API refusals), false for likely bugs. */
export function isKnownError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TypeError' || error.name === 'ReferenceError' || error.name === 'RangeError') {
    return false;
  }
  return error.name !== 'Error' || hasCode(error);
}
