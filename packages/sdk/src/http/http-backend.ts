import type { Dispatcher } from 'undici';
import type { Backend, BackendRequest, BackendResponse } from '../core/backend.js';
import { AbortError, ApiError } from '../core/errors.js';
import { type Credentials, type CredentialsInput, resolveCredentials } from './credentials.js';
import { type ResolvedEndpoint, resolveEndpoint, type Site } from './endpoint.js';
import { parseEnvelope } from './envelope.js';
import { type ExchangeResult, exchange } from './exchange.js';
import { loadPool } from './load-pool.js';
import { Tc3RequestSigner } from './request-signer.js';
import { SigningKeyCache } from './signing-key-cache.js';
import { toConnectionError } from './transport-error.js';

export type { Site } from './endpoint.js';

/** The SES API version every request names in `X-TC-Version`. */
export const SES_API_VERSION = '2020-10-02';

/** Options for {@link HttpBackend}; every field is optional and falls back to the environment. */
export interface HttpBackendOptions {
  /** Key pair or provider function. @default env vars, then the tccli profile file */
  readonly credentials?: CredentialsInput | undefined;
  /** A host or a full URL (`http://127.0.0.1:4599`). @default the site's host */
  readonly endpoint?: string | undefined;
  /** @default 'china' (`ses.tencentcloudapi.com`); 'international' is `ses.intl.tencentcloudapi.com` */
  readonly site?: Site | undefined;
  /** tccli profile name. @default `TENCENTCLOUD_PROFILE`, then `default` */
  readonly profile?: string | undefined;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** An undici dispatcher to send through (a proxy agent, a recorder). @default a keep-alive Pool */
  readonly dispatcher?: Dispatcher | undefined;
  /** The local clock. @unit milliseconds since the epoch @default Date.now */
  readonly now?: (() => number) | undefined;
  /** Language of the service's error messages (`X-TC-Language`). @default the service's default */
  readonly language?: 'zh-CN' | 'en-US' | undefined;
}

/** Sent and signed byte for byte: no charset suffix, which some stacks add and Tencent would reject. */
const CONTENT_TYPE = 'application/json';
/** Sockets kept per origin: enough for 64 requests in flight, one at a time each (no pipelining). */
const POOL_CONNECTIONS = 64;
/** A local clock further off than this is replaced by the server's view, before Tencent rejects it. */
const MAX_TOLERATED_SKEW_MS = 60_000;

/**
 * Talks to Tencent Cloud SES (or anything speaking API 3.0, such as the emulator) over HTTP(S):
 * `POST /` with a JSON body signed by TC3-HMAC-SHA256, over keep-alive connections.
 *
 * Credentials and the endpoint are resolved at the first request, so constructing is free and a
 * missing key pair surfaces as a `ConfigError` from the call that needed it.
 */
export class HttpBackend implements Backend {
  readonly name = 'tencent';
  /** The site whose conventions the client follows (its unsubscribe-language numbering). */
  readonly site: Site;
  readonly #options: HttpBackendOptions;
  readonly #env: NodeJS.ProcessEnv;
  readonly #now: () => number;
  readonly #keys = new SigningKeyCache();
  #endpoint: ResolvedEndpoint | undefined;
  #dispatcher: Dispatcher | undefined;
  #creatingDispatcher: Promise<Dispatcher> | undefined;
  #ownsDispatcher = false;
  #credentials: Credentials | undefined;
  #requestSigner: Tc3RequestSigner | undefined;
  /** Server time minus local time, learned from `Date` headers. */
  #skewMs = 0;
  /** The last `Date` header seen and its value: it changes once a second, not once a request. */
  #lastDate = '';
  #lastDateMs = Number.NaN;

  constructor(options: HttpBackendOptions = {}) {
    this.#options = options;
    this.site = options.site ?? 'china';
    this.#env = options.env ?? process.env;
    this.#now = options.now ?? Date.now;
  }

  /** The clock correction currently applied to signatures. @unit milliseconds */
  get clockSkew(): number {
    return this.#skewMs;
  }

  async invoke(request: BackendRequest): Promise<BackendResponse> {
    const { action, signal } = request;
    if (signal?.aborted) throw new AbortError(`${action}: aborted before sending`, { cause: signal.reason });
    const endpoint = this.#endpoint ?? this.#resolveEndpoint();
    const credentials = this.#credentials ?? (await this.#resolveCredentials());
    const body = JSON.stringify(request.payload);
    const headers = this.#sign(endpoint, credentials, action, request.region, body);
    const dispatcher = this.#dispatcher ?? (await this.#createDispatcher(endpoint));
    let result: ExchangeResult;
    try {
      result = await exchange(dispatcher, {
        origin: endpoint.origin,
        headers,
        body,
        signal,
        timeoutMs: request.timeoutMs,
      });
    } catch (error) {
      if (signal?.aborted) throw new AbortError(`${action}: aborted`, { cause: signal.reason });
      throw toConnectionError(error, action, endpoint.origin);
    }
    const { status, date, text } = result;
    this.#observeDate(date, false);
    try {
      return parseEnvelope(status, text, action);
    } catch (error) {
      // The client retries this code at once; the retry must sign with the server's time even when
      // the drift looked small enough to ignore.
      if (error instanceof ApiError && error.code === 'AuthFailure.SignatureExpire')
        this.#observeDate(date, true);
      throw error;
    }
  }

  async close(): Promise<void> {
    // A pool still being created is closed too; one that failed to load has nothing to close.
    const dispatcher = this.#dispatcher ?? (await this.#creatingDispatcher?.catch(() => undefined));
    this.#dispatcher = undefined;
    this.#creatingDispatcher = undefined;
    if (dispatcher && this.#ownsDispatcher) await dispatcher.close();
  }

  #sign(
    endpoint: ResolvedEndpoint,
    credentials: Credentials,
    action: string,
    region: string,
    body: string,
  ): Record<string, string> {
    const timestamp = Math.floor((this.#now() + this.#skewMs) / 1000);
    const key = this.#keys.get(credentials.secretKey, timestamp, endpoint.service);
    const authorization = this.#signer(endpoint).authorization(credentials.secretId, key, timestamp, body);
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPE,
      host: endpoint.host,
      'x-tc-action': action,
      'x-tc-version': SES_API_VERSION,
      'x-tc-region': region,
      'x-tc-timestamp': String(timestamp),
      authorization,
    };
    if (credentials.token) headers['x-tc-token'] = credentials.token;
    if (this.#options.language) headers['x-tc-language'] = this.#options.language;
    return headers;
  }

  #signer(endpoint: ResolvedEndpoint): Tc3RequestSigner {
    this.#requestSigner ??= new Tc3RequestSigner(endpoint.host, CONTENT_TYPE, endpoint.service);
    return this.#requestSigner;
  }

  #resolveEndpoint(): ResolvedEndpoint {
    this.#endpoint = resolveEndpoint(this.#options.endpoint, this.#options.site);
    return this.#endpoint;
  }

  async #resolveCredentials(): Promise<Credentials> {
    const input = this.#options.credentials;
    const credentials = await resolveCredentials(input, { profile: this.#options.profile, env: this.#env });
    // A provider function is asked again on every request (rotation, STS); anything else is fixed.
    if (typeof input !== 'function') this.#credentials = credentials;
    return credentials;
  }

  /** Concurrent first calls share one pool; undici is loaded by the first request, not at import. */
  #createDispatcher(endpoint: ResolvedEndpoint): Promise<Dispatcher> {
    const given = this.#options.dispatcher;
    if (given) {
      this.#dispatcher = given;
      return Promise.resolve(given);
    }
    this.#creatingDispatcher ??= loadPool().then((Pool) => {
      const pool = new Pool(endpoint.origin, { connections: POOL_CONNECTIONS, pipelining: 1 });
      this.#dispatcher = pool;
      this.#ownsDispatcher = true;
      return pool;
    });
    return this.#creatingDispatcher;
  }

  /** Learns the server's clock from a `Date` header; small drifts are ignored (1 s resolution). */
  #observeDate(date: string | undefined, force: boolean): void {
    if (date === undefined) return;
    if (date !== this.#lastDate) {
      this.#lastDate = date;
      this.#lastDateMs = Date.parse(date);
    }
    const server = this.#lastDateMs;
    if (Number.isNaN(server)) return;
    const skew = server - this.#now();
    if (force || Math.abs(skew - this.#skewMs) > MAX_TOLERATED_SKEW_MS) this.#skewMs = skew;
  }
}
