export { SesClient, type SesClientOptions, type RequestOptions } from './client.js';
export type { Backend, BackendRequest, BackendResponse } from './core/backend.js';
export * from './core/errors.js';
export { retryDelay, shouldRetry, withRetries, type RetryPolicy } from './core/retry.js';
export { signTc3, tc3CanonicalRequest, tc3Date, tc3SigningKey, TC3_ALGORITHM } from './http/tc3-signer.js';
export type { Tc3SignInput, Tc3Signature } from './http/tc3-signer.js';
export { defineOperation, type ListShape, type Operation } from './operations/operation.js';
export * from './helpers/index.js';
export * from './operations/index.js';
