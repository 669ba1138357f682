export { type RequestOptions, SesClient, type SesClientOptions } from './client.js';
export type { Backend, BackendRequest, BackendResponse } from './core/backend.js';
export * from './core/errors.js';
export {
  OffsetPage,
  type PageData,
  type PageFetcher,
  PagePromise,
  type PageRequest,
  readListPage,
} from './core/pagination.js';
export { type RetryPolicy, retryDelay, shouldRetry, withRetries } from './core/retry.js';
export * from './helpers/index.js';
export { DEFAULT_REGION, INTERNATIONAL_REGION, profileRegion, resolveRegion } from './http/config.js';
export { type Credentials, type CredentialsInput, resolveCredentials } from './http/credentials.js';
export { type ResolvedEndpoint, regionalHost, resolveEndpoint, SITE_HOSTS } from './http/endpoint.js';
export { HttpBackend, type HttpBackendOptions, SES_API_VERSION, type Site } from './http/http-backend.js';
export type { Tc3Signature, Tc3SignInput } from './http/tc3-signer.js';
export { signTc3, TC3_ALGORITHM, tc3CanonicalRequest, tc3Date, tc3SigningKey } from './http/tc3-signer.js';
export * from './operations/index.js';
export {
  defineOperation,
  type ListShape,
  type Operation,
  type OperationDefinition,
} from './operations/operation.js';
export * from './resources/index.js';
