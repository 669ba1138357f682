/**
 * One error tree for every backend. Subclasses are for `instanceof`; the original Tencent `code` is
 * always kept for precise handling. Messages never contain secrets.
 */
export class SesError extends Error {
  override readonly name: string = 'SesError';
}

/** Client-side input that breaks a documented rule; raised before any request is sent. */
export class ValidationError extends SesError {
  override readonly name: string = 'ValidationError';
  constructor(
    /** Dotted path of the offending field, e.g. `to.3` or `template.data`. */
    readonly field: string,
    /** The rule it breaks, in words. */
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}

/** Missing or unusable configuration (credentials, region, profile). */
export class ConfigError extends SesError {
  override readonly name: string = 'ConfigError';
}

export interface ApiErrorInit {
  readonly code: string;
  readonly message: string;
  readonly requestId?: string | undefined;
  readonly action: string;
  readonly httpStatus?: number | undefined;
}

/** An error answered by the service (or the local engine acting as it). */
export class ApiError extends SesError {
  override readonly name: string = 'ApiError';
  readonly code: string;
  /** The message exactly as the service worded it (`message` adds the action, code and request id). */
  readonly serviceMessage: string;
  readonly requestId: string | undefined;
  readonly action: string;
  readonly httpStatus: number | undefined;
  /** The service says trying again later may succeed. */
  readonly retryable: boolean;
  /** The service guarantees the request had no effect, so even a send may be repeated. */
  readonly notApplied: boolean;

  constructor(init: ApiErrorInit) {
    super(
      `${init.action}: ${init.code}: ${init.message}${init.requestId ? ` (request ${init.requestId})` : ''}`,
    );
    this.code = init.code;
    this.serviceMessage = init.message;
    this.requestId = init.requestId;
    this.action = init.action;
    this.httpStatus = init.httpStatus;
    this.retryable = isRetryableCode(init.code);
    this.notApplied = isNotAppliedCode(init.code);
  }
}

/** `AuthFailure.*`: bad, expired or unknown credentials or signature. */
export class AuthError extends ApiError {
  override readonly name: string = 'AuthError';
}
/** `UnauthorizedOperation*`, `AuthFailure.UnauthorizedOperation`: CAM denies the action. */
export class PermissionDeniedError extends ApiError {
  override readonly name: string = 'PermissionDeniedError';
}
/** `InvalidParameter*`, `MissingParameter*`, `UnknownParameter`, `InvalidAction`, … */
export class InvalidParameterError extends ApiError {
  override readonly name: string = 'InvalidParameterError';
}
/** `ResourceNotFound*` and the SES "does not exist" codes. */
export class NotFoundError extends ApiError {
  override readonly name: string = 'NotFoundError';
}
/** `RequestLimitExceeded*`: rate limited; nothing was done. */
export class RateLimitError extends ApiError {
  override readonly name: string = 'RateLimitError';
}
/** `LimitExceeded*` and the quota/balance codes. */
export class QuotaExceededError extends ApiError {
  override readonly name: string = 'QuotaExceededError';
}
/** `FailedOperation.*`, `OperationDenied.*`: the request was understood and refused. */
export class OperationFailedError extends ApiError {
  override readonly name: string = 'OperationFailedError';
}
/** `InternalError*`, `ServiceUnavailable`, `ResourceUnavailable*`: the service failed. */
export class InternalServerError extends ApiError {
  override readonly name: string = 'InternalServerError';
}

/** The request did not complete at the transport level. */
export class ConnectionError extends SesError {
  override readonly name: string = 'ConnectionError';
  constructor(
    message: string,
    /**
     * False when the request provably never reached the server (connection refused, DNS failure);
     * true when it may have been received and processed.
     */
    readonly mayHaveBeenSent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** No answer within the configured timeout; the request may have been processed. */
export class TimeoutError extends ConnectionError {
  override readonly name: string = 'TimeoutError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, true, options);
  }
}

/** The caller's `AbortSignal` fired. */
export class AbortError extends SesError {
  override readonly name: string = 'AbortError';
}

const NOT_FOUND_CODES = new Set([
  'InvalidParameterValue.NotExistDomain',
  'InvalidParameterValue.NoSuchSender',
  'InvalidParameterValue.TemplateNotExist',
  'OperationDenied.ReceiverNotExist',
]);

const QUOTA_CODES = new Set([
  'FailedOperation.ExceedSendLimit',
  'FailedOperation.ExceedTemplateLimit',
  'FailedOperation.InsufficientQuota',
  'FailedOperation.InsufficientBalance',
  'OperationDenied.ExceedDomainLimit',
  'OperationDenied.ExceedSenderLimit',
]);

/** Codes after which trying again later may succeed (see the API reference §5). */
function isRetryableCode(code: string): boolean {
  return (
    code.startsWith('RequestLimitExceeded') ||
    code.startsWith('InternalError') ||
    code === 'ServiceUnavailable' ||
    code.startsWith('ResourceUnavailable') ||
    code === 'ResourceInUse' ||
    code === 'ResourceInsufficient' ||
    code === 'FailedOperation.ServiceNotAvailable' ||
    code === 'OperationDenied.ReceiverIsOperating' ||
    code === 'AuthFailure.SignatureExpire'
  );
}

/** Codes that guarantee the request had no effect: safe to repeat even for a send. */
function isNotAppliedCode(code: string): boolean {
  return (
    code.startsWith('RequestLimitExceeded') ||
    code === 'FailedOperation.ServiceNotAvailable' ||
    // The group is still processing an earlier upload: this one was refused whole.
    code === 'OperationDenied.ReceiverIsOperating' ||
    code === 'AuthFailure.SignatureExpire'
  );
}

/** Builds the `ApiError` subclass that matches a Tencent error code. Every backend uses this. */
export function createApiError(init: ApiErrorInit): ApiError {
  const { code } = init;
  if (code === 'AuthFailure.UnauthorizedOperation' || code.startsWith('UnauthorizedOperation')) {
    return new PermissionDeniedError(init);
  }
  if (code.startsWith('AuthFailure')) return new AuthError(init);
  if (code.startsWith('RequestLimitExceeded')) return new RateLimitError(init);
  if (NOT_FOUND_CODES.has(code) || code.startsWith('ResourceNotFound')) return new NotFoundError(init);
  if (QUOTA_CODES.has(code) || code.startsWith('LimitExceeded')) return new QuotaExceededError(init);
  if (
    code.startsWith('InternalError') ||
    code === 'ServiceUnavailable' ||
    code.startsWith('ResourceUnavailable') ||
    code === 'ResourceInUse' ||
    code === 'ResourceInsufficient' ||
    code === 'FailedOperation.ServiceNotAvailable'
  ) {
    return new InternalServerError(init);
  }
  if (
    code.startsWith('InvalidParameter') ||
    code.startsWith('MissingParameter') ||
    code.startsWith('UnknownParameter') ||
    code === 'InvalidAction' ||
    code === 'NoSuchVersion' ||
    code === 'UnsupportedRegion' ||
    code === 'RequestSizeLimitExceeded' ||
    code === 'InvalidRequest'
  ) {
    return new InvalidParameterError(init);
  }
  if (code.startsWith('FailedOperation') || code.startsWith('OperationDenied')) {
    return new OperationFailedError(init);
  }
  return new ApiError(init);
}

/** True for any error thrown by this SDK. */
export function isSesError(value: unknown): value is SesError {
  return value instanceof SesError;
}
