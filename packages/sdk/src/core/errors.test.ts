import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthError,
  ConnectionError,
  createApiError,
  InternalServerError,
  InvalidParameterError,
  isSesError,
  NotFoundError,
  OperationFailedError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  SesError,
  TimeoutError,
} from './errors.js';

const table: Array<
  [string, new (...args: never[]) => ApiError, { retryable: boolean; notApplied: boolean }]
> = [
  ['AuthFailure.SignatureFailure', AuthError, { retryable: false, notApplied: false }],
  ['AuthFailure.SecretIdNotFound', AuthError, { retryable: false, notApplied: false }],
  ['AuthFailure.SignatureExpire', AuthError, { retryable: true, notApplied: true }],
  ['AuthFailure.UnauthorizedOperation', PermissionDeniedError, { retryable: false, notApplied: false }],
  ['UnauthorizedOperation', PermissionDeniedError, { retryable: false, notApplied: false }],
  ['InvalidParameter', InvalidParameterError, { retryable: false, notApplied: false }],
  [
    'InvalidParameterValue.IllegalEmailAddress',
    InvalidParameterError,
    { retryable: false, notApplied: false },
  ],
  ['MissingParameter.EmailsNecessary', InvalidParameterError, { retryable: false, notApplied: false }],
  ['UnknownParameter', InvalidParameterError, { retryable: false, notApplied: false }],
  ['InvalidAction', InvalidParameterError, { retryable: false, notApplied: false }],
  ['RequestSizeLimitExceeded', InvalidParameterError, { retryable: false, notApplied: false }],
  ['ResourceNotFound', NotFoundError, { retryable: false, notApplied: false }],
  ['InvalidParameterValue.TemplateNotExist', NotFoundError, { retryable: false, notApplied: false }],
  ['InvalidParameterValue.NoSuchSender', NotFoundError, { retryable: false, notApplied: false }],
  ['OperationDenied.ReceiverNotExist', NotFoundError, { retryable: false, notApplied: false }],
  ['RequestLimitExceeded', RateLimitError, { retryable: true, notApplied: true }],
  ['RequestLimitExceeded.UinLimitExceeded', RateLimitError, { retryable: true, notApplied: true }],
  ['LimitExceeded', QuotaExceededError, { retryable: false, notApplied: false }],
  ['LimitExceeded.ExceedReceiverLimit', QuotaExceededError, { retryable: false, notApplied: false }],
  ['FailedOperation.ExceedSendLimit', QuotaExceededError, { retryable: false, notApplied: false }],
  ['FailedOperation.InsufficientBalance', QuotaExceededError, { retryable: false, notApplied: false }],
  ['OperationDenied.ExceedDomainLimit', QuotaExceededError, { retryable: false, notApplied: false }],
  ['FailedOperation.FrequencyLimit', OperationFailedError, { retryable: false, notApplied: false }],
  ['OperationDenied.TemplateStatusError', OperationFailedError, { retryable: false, notApplied: false }],
  ['InternalError', InternalServerError, { retryable: true, notApplied: false }],
  ['InternalError.QueryDataBaseFailed', InternalServerError, { retryable: true, notApplied: false }],
  ['ServiceUnavailable', InternalServerError, { retryable: true, notApplied: false }],
  ['ResourceUnavailable', InternalServerError, { retryable: true, notApplied: false }],
  ['ResourceInUse', InternalServerError, { retryable: true, notApplied: false }],
  ['ResourceInsufficient', InternalServerError, { retryable: true, notApplied: false }],
  ['OperationDenied.ReceiverIsOperating', OperationFailedError, { retryable: true, notApplied: true }],
  ['FailedOperation.ServiceNotAvailable', InternalServerError, { retryable: true, notApplied: true }],
];

describe('createApiError', () => {
  it.each(table)('%s → %o', (code, ErrorClass, flags) => {
    const error = createApiError({
      code,
      message: 'm',
      requestId: 'r-1',
      action: 'SendEmail',
      httpStatus: 200,
    });
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.code).toBe(code);
    expect({ retryable: error.retryable, notApplied: error.notApplied }).toEqual(flags);
  });

  it('falls back to the ApiError base for unknown codes and keeps every field', () => {
    const error = createApiError({ code: 'Brand.NewCode', message: 'why', requestId: 'r-9', action: 'X' });
    expect(error.constructor).toBe(ApiError);
    expect(error.message).toBe('X: Brand.NewCode: why (request r-9)');
    expect(error).toMatchObject({ requestId: 'r-9', action: 'X', httpStatus: undefined, retryable: false });
  });
});

describe('transport errors', () => {
  it('TimeoutError is a ConnectionError that may have been sent', () => {
    const error = new TimeoutError('late');
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.mayHaveBeenSent).toBe(true);
    expect(isSesError(error)).toBe(true);
    expect(isSesError(new Error('x'))).toBe(false);
    expect(new ConnectionError('refused', false)).toBeInstanceOf(SesError);
  });
});
