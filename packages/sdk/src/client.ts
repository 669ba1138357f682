import type { z } from 'zod';
import type { Backend, BackendResponse } from './core/backend.js';
import { AbortError, SesError, TimeoutError, ValidationError } from './core/errors.js';
import { LazyBackend } from './core/lazy-backend.js';
import { withRetries } from './core/retry.js';
import { INTERNATIONAL_REGION, resolveRegion } from './http/config.js';
import type { CredentialsInput } from './http/credentials.js';
import type { Site } from './http/endpoint.js';
import { type ActionName, operations, type WireInput, type WireOutput } from './operations/index.js';
import {
  AbuseReports,
  Blacklist,
  CustomBlacklist,
  Emails,
  Identities,
  RecipientGroups,
  Senders,
  SendStatuses,
  SendTasks,
  Statistics,
  Templates,
  UnsubscribeConfigs,
} from './resources/index.js';

/** Options for {@link SesClient}. Every field is optional; defaults come from the environment. */
export interface SesClientOptions {
  /**
   * Tencent Cloud API keys, or a function returning them (called per request, for rotation/STS).
   * @default `TENCENTCLOUD_SECRET_ID` / `TENCENTCLOUD_SECRET_KEY` / `TENCENTCLOUD_SESSION_TOKEN`,
   * then the tccli profile file.
   */
  readonly credentials?: CredentialsInput | undefined;
  /** @default `TENCENTCLOUD_REGION`, then the profile, then `ap-guangzhou` (`ap-singapore` with `site: 'international'`) */
  readonly region?: string | undefined;
  /** A host (`ses.ap-hongkong.tencentcloudapi.com`) or a full URL (`http://127.0.0.1:4599`). */
  readonly endpoint?: string | undefined;
  /**
   * `china` (`ses.tencentcloudapi.com`) or `international` (`ses.intl.tencentcloudapi.com`).
   * @default the backend's site, else `international` for `ap-singapore` (that site's only region), else `china`
   */
  readonly site?: Site | undefined;
  /** tccli-style profile name. @default `TENCENTCLOUD_PROFILE`, then `default` */
  readonly profile?: string | undefined;
  /** Where calls go. @default an `HttpBackend` for Tencent Cloud built from the options above */
  readonly backend?: Backend | undefined;
  /** Per-attempt timeout. @unit milliseconds @default 30000 */
  readonly timeout?: number | undefined;
  /** Retries after the first attempt, for failures that are safe to repeat. @default 2 */
  readonly maxRetries?: number | undefined;
  /** Receives one line per wire call (action, attempt, outcome). Never receives secrets. */
  readonly logger?: ((line: string) => void) | undefined;
  /** Environment to read defaults from. @default process.env */
  readonly env?: NodeJS.ProcessEnv | undefined;
}

/** Per-call overrides. */
export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeout?: number | undefined;
  readonly maxRetries?: number | undefined;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;

/**
 * The SES client: typed resources over a pluggable backend.
 *
 * @example
 * const ses = new SesClient({ region: 'ap-hongkong' });
 * await ses.emails.send({ from: 'noreply@mail.example.com', to: ['a@example.com'], subject: 'Hi',
 *   template: { id: 100, data: { name: 'Ana' } } });
 */
export class SesClient {
  readonly backend: Backend;
  readonly region: string;
  /**
   * Which site's unsubscribe-language codes apply: the option, else the backend's, else
   * `international` for region `ap-singapore` and `china` otherwise.
   */
  readonly site: Site;
  readonly #timeout: number;
  readonly #maxRetries: number;
  readonly #logger: ((line: string) => void) | undefined;

  readonly templates = new Templates(this);
  readonly recipientGroups = new RecipientGroups(this);
  readonly emails = new Emails(this);
  readonly sendTasks = new SendTasks(this);
  readonly sendStatus = new SendStatuses(this);
  readonly statistics = new Statistics(this);
  readonly identities = new Identities(this);
  readonly senders = new Senders(this);
  readonly blacklist = new Blacklist(this);
  readonly customBlacklist = new CustomBlacklist(this);
  readonly unsubscribeConfigs = new UnsubscribeConfigs(this);
  readonly abuseReports = new AbuseReports(this);

  constructor(options: SesClientOptions = {}) {
    const env = options.env ?? process.env;
    const site = options.site ?? options.backend?.site;
    this.region = resolveRegion({ region: options.region, profile: options.profile, site, env });
    // `ap-singapore` is the international site's only region, whichever way it was chosen.
    const resolvedSite = site ?? (this.region === INTERNATIONAL_REGION ? 'international' : 'china');
    this.site = resolvedSite;
    this.backend =
      options.backend ??
      new LazyBackend('tencent', async () => {
        const { HttpBackend } = await import('./http/http-backend.js');
        return new HttpBackend({
          credentials: options.credentials,
          endpoint: options.endpoint,
          // The site's host too: `region: 'ap-singapore'` alone must reach the international API.
          site: resolvedSite,
          profile: options.profile,
          env,
        });
      });
    this.#timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    this.#maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.#logger = options.logger;
  }

  /**
   * Calls any action raw by name: the PascalCase wire payload in, the wire `Response` (without
   * envelope) out. Input is validated against the documented limits before anything is sent.
   * @throws {ValidationError} input breaks a documented rule
   * @throws {ApiError} (a subclass by code family) the service refused the call
   * @throws {ConnectionError | TimeoutError | AbortError} the call did not complete
   */
  async invoke<A extends ActionName>(
    action: A,
    payload: WireInput<A>,
    options: RequestOptions = {},
  ): Promise<WireOutput<A> & { RequestId: string }> {
    const operation = operations[action];
    if (!operation) throw new ValidationError('action', `unknown action "${String(action)}"`);
    const input = parseInput(operation.input, payload ?? {});
    const timeout = options.timeout ?? this.#timeout;
    const maxRetries = options.maxRetries ?? this.#maxRetries;
    const signal = options.signal;
    let result: BackendResponse;
    try {
      result = await withRetries({ maxRetries, idempotent: operation.idempotent, signal }, (attempt) =>
        this.#attempt(action, input, attempt, timeout, signal),
      );
    } catch (error) {
      // An abort while waiting between attempts surfaces as the signal's reason; keep one error type.
      if (signal?.aborted && !(error instanceof SesError)) {
        throw new AbortError(`${action}: aborted by the caller`, { cause: error });
      }
      throw error;
    }
    const parsed = operation.output.safeParse(result.payload);
    // Output schemas are lenient; if the service answers a shape we do not know, hand it over as is.
    // A parsed object is this call's own and takes the id in place; the backend's payload may be
    // shared (a mock's constant), so it is copied rather than written to.
    const own = parsed.success && parsed.data !== result.payload;
    const body = (own ? parsed.data : { ...result.payload }) as WireOutput<A> & { RequestId: string };
    body.RequestId = result.requestId;
    return body;
  }

  /** Releases the backend's connections or database handles. */
  async close(): Promise<void> {
    await this.backend.close?.();
  }

  #attempt(
    action: string,
    payload: Record<string, unknown>,
    attempt: number,
    timeout: number,
    userSignal: AbortSignal | undefined,
  ): Promise<BackendResponse> {
    if (userSignal?.aborted) return Promise.reject(new AbortError(`${action}: aborted by the caller`));
    // The timeout races the call with a plain timer instead of an AbortSignal: signals and their
    // listeners cost more than the rest of the client layer together on a hot path. The backend is
    // told the deadline (`timeoutMs`) so one that can cancel natively frees its resources too.
    // One promise settled by whichever comes first, rather than `Promise.race` over two.
    const started = this.#logger ? performance.now() : 0;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const mapped =
          userSignal?.aborted && !(error instanceof AbortError)
            ? new AbortError(`${action}: aborted by the caller`, { cause: error })
            : error;
        this.#log(action, attempt, started, mapped instanceof SesError ? mapped.name : 'error');
        reject(mapped);
      };
      const timer = setTimeout(
        () => fail(new TimeoutError(`${action}: no answer within ${timeout} ms`)),
        timeout,
      );
      let pending: Promise<BackendResponse>;
      try {
        pending = this.backend.invoke({
          action,
          payload,
          region: this.region,
          signal: userSignal,
          timeoutMs: timeout,
          attempt,
        });
      } catch (error) {
        return fail(error);
      }
      pending.then((response) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.#log(action, attempt, started, `ok ${response.requestId}`);
        resolve(response);
      }, fail);
    });
  }

  #log(action: string, attempt: number, started: number, outcome: string): void {
    if (!this.#logger) return;
    const ms = Math.round(performance.now() - started);
    this.#logger(`[ses] ${this.backend.name} ${action} attempt=${attempt} ${outcome} ${ms}ms`);
  }
}

function parseInput(schema: z.ZodType, payload: unknown): Record<string, unknown> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'payload';
  throw new ValidationError(field, issue?.message ?? 'invalid');
}
