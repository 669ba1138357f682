import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  AbortError,
  ApiError,
  type Backend,
  type BackendRequest,
  type BackendResponse,
  ConfigError,
  calendarDateTime,
  createApiError,
  DEFAULT_WARMUP_PLAN,
  isActionName,
  parseWarmupPlan,
  ValidationError,
  type WarmupPlan,
} from '@ses-cli/sdk';
import { createClock } from './clock.js';
import type { DnsResolver } from './delivery/dns-check.js';
import { createOutboxTransport } from './delivery/outbox-transport.js';
import type { Transport } from './delivery/transport.js';
import { completeUploads } from './engine/actions/receiver-rows.js';
import type { EngineContext, EngineOptions } from './engine/context.js';
import { handlers } from './engine/dispatch.js';
import type { DeliveryEvent, MessageStore, Tracking } from './engine/inspection.js';
import { createMessageStore, createTracking, runDueSending } from './engine/sending/index.js';
import { validateInput } from './engine/validate.js';
import { openDatabase, writeTransaction } from './store/database.js';
import { getMeta, setMeta } from './store/meta.js';
import { toStorageError } from './store/storage-error.js';

/** Options of {@link createLocalBackend}. Only `dataDir` is required. */
export interface LocalBackendOptions {
  /** Directory holding `ses.db` (with its `-wal`/`-shm` files) and `outbox/`; created if missing. */
  readonly dataDir: string;
  /** Real clock in epoch milliseconds (tests inject one); the persisted offset is added on top. @default Date.now */
  readonly now?: (() => number) | undefined;
  /** IANA zone for day boundaries (warm-up, statistics, dates in answers). @default 'Asia/Shanghai' */
  readonly timeZone?: string | undefined;
  /** Domains are verified on creation; `false` checks real DNS through `dnsResolver` on `UpdateEmailIdentity`. @default true */
  readonly autoVerifyDomains?: boolean | undefined;
  /** Resolver for DNS checks when `autoVerifyDomains` is false. @default the system resolver */
  readonly dnsResolver?: DnsResolver | undefined;
  /** New and updated templates are approved at once (status 0); `false` leaves them pending (1). @default true */
  readonly autoApproveTemplates?: boolean | undefined;
  /** Where composed emails go. @default an outbox of `.eml` files in `<dataDir>/outbox` */
  readonly transport?: Transport | undefined;
  /**
   * Daily batch limits per sender domain: days 1, 2, 3, … with positive limits that never decrease.
   * @throws {ValidationError} from `createLocalBackend` when the plan breaks that rule
   * @default DEFAULT_WARMUP_PLAN
   */
  readonly warmupPlan?: WarmupPlan | undefined;
  /** Apply the warm-up plan to batch sending. @default true */
  readonly warmup?: boolean | undefined;
  /** Largest email accepted. @unit bytes @default 10 MiB */
  readonly maxEmailBytes?: number | undefined;
  /** Emails one recipient may get per hour (`FailedOperation.FrequencyLimit` beyond). @default 10 */
  readonly frequencyLimitPerHour?: number | undefined;
  /** Base of open/click/unsubscribe tracking URLs. @default 'http://127.0.0.1:4599' */
  readonly trackingBaseUrl?: string | undefined;
  /** Account app id used in message ids and webhooks. @default '1000000000' */
  readonly appId?: string | undefined;
  /**
   * Largest size the database may grow to; a write beyond it fails like a full disk (an
   * `InternalError` saying so) and nothing is half-written. @unit bytes @default no limit
   */
  readonly maxDatabaseBytes?: number | undefined;
}

/** What one {@link LocalBackend.runDue} call did. */
export interface RunDueReport {
  /** Recipient-group uploads completed (status 2 → 3). */
  uploads: number;
  tasksStarted: number;
  emailsSent: number;
  emailsCached: number;
}

/** The embedded SES backend: a {@link Backend} plus time travel, due work and inspection. */
export interface LocalBackend extends Backend {
  readonly name: 'local';
  readonly dataDir: string;
  /** The settings in effect (options or their defaults), for the emulator and dashboard serving it. */
  readonly appId: string;
  readonly timeZone: string;
  readonly warmupPlan: WarmupPlan;
  /** Emulated time: real clock + persisted offset. */
  now(): Date;
  /** Moves emulated time forward (persisted; every process on the data directory sees it). */
  advanceTime(ms: number): void;
  /** Runs all work due at emulated now: uploads, scheduled and recurring tasks, cached emails, retries. */
  runDue(): Promise<RunDueReport>;
  /** Serve mode: `runDue` on a timer. Returns a function that stops it. @default intervalMs 1000 */
  startScheduler(intervalMs?: number): () => void;
  /** Deletes every record (the clock offset too) and the outbox. IDs keep counting up, never reused. */
  reset(): Promise<void>;
  /**
   * Stops the schedulers, lets calls and runs in progress finish (a batch stops after the chunk in
   * hand; its other emails stay queued for the next run) and closes the database.
   */
  close(): Promise<void>;
  readonly messages: MessageStore;
  readonly tracking: Tracking;
  /** Subscribes to delivery events (webhooks); returns an unsubscribe function. */
  onEvent(listener: (event: DeliveryEvent) => void): () => void;
}

const CLOCK_OFFSET_KEY = 'clock_offset_ms';
const DEFAULT_REGION = 'ap-guangzhou';
const DEFAULT_SCHEDULER_INTERVAL_MS = 1000;

/**
 * A custom plan, checked when the backend is built rather than at the first batch: days 1, 2, 3, …
 * with positive limits that never decrease.
 * @throws {ValidationError} naming `warmupPlan.days.<i>…`
 */
function checkedPlan(plan: WarmupPlan | undefined): WarmupPlan {
  if (plan === undefined) return DEFAULT_WARMUP_PLAN;
  try {
    return parseWarmupPlan(plan);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const field = error.field === 'warmupPlan' ? error.field : `warmupPlan.${error.field}`;
    throw new ValidationError(field, error.rule);
  }
}

/** An IANA zone this runtime knows, checked when the backend is built rather than at the first date. */
function checkedTimeZone(timeZone: string): string {
  calendarDateTime(new Date(0), timeZone); // throws ValidationError naming `timeZone`
  return timeZone;
}

/** Fills in every option's default. */
function resolveOptions(options: LocalBackendOptions): EngineOptions {
  return {
    dataDir: options.dataDir,
    // Only a zone given is checked: the check builds a date formatter (ICU), ~20 ms at start-up.
    timeZone: options.timeZone === undefined ? 'Asia/Shanghai' : checkedTimeZone(options.timeZone),
    autoVerifyDomains: options.autoVerifyDomains ?? true,
    dnsResolver: options.dnsResolver,
    autoApproveTemplates: options.autoApproveTemplates ?? true,
    warmupPlan: checkedPlan(options.warmupPlan),
    warmup: options.warmup ?? true,
    maxEmailBytes: options.maxEmailBytes ?? 10 * 1024 * 1024,
    frequencyLimitPerHour: options.frequencyLimitPerHour ?? 10,
    trackingBaseUrl: options.trackingBaseUrl ?? 'http://127.0.0.1:4599',
    appId: options.appId ?? '1000000000',
  };
}

/**
 * The embedded SES: every action answered from a SQLite database in `dataDir`, with the service's
 * rules, statuses and error codes, and emulated time that can be moved forward.
 *
 * @example
 * const backend = createLocalBackend({ dataDir: './.ses-local' });
 * const ses = new SesClient({ backend });
 */
export function createLocalBackend(options: LocalBackendOptions): LocalBackend {
  const settings = resolveOptions(options);
  const db = openDatabase(settings.dataDir);
  if (options.maxDatabaseBytes !== undefined) {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxDatabaseBytes / pageSize))}`);
  }
  const outboxDir = join(settings.dataDir, 'outbox');
  const transport = options.transport ?? createOutboxTransport(outboxDir);
  const readOffset = () => Number(getMeta(db, CLOCK_OFFSET_KEY) ?? 0);
  const clock = createClock(
    {
      read: readOffset,
      // Read and written inside one BEGIN IMMEDIATE, so another process cannot slip in between.
      add: (ms) => writeTransaction(db, () => setMeta(db, CLOCK_OFFSET_KEY, String(readOffset() + ms))),
    },
    options.now,
  );
  const listeners = new Set<(event: DeliveryEvent) => void>();
  const stopSchedulers = new Set<() => void>();
  let closed = false;

  const context = (action: string, requestId: string, region: string): EngineContext => ({
    db,
    now: () => clock.now(),
    timeZone: settings.timeZone,
    options: settings,
    transport,
    region,
    action,
    requestId,
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A failing subscriber (e.g. a webhook sender) must not break delivery for the others.
        }
      }
    },
    apiError: (code, message) => createApiError({ code, message, requestId, action }),
    stopping: () => closed,
    write: (fn) => writeTransaction(db, fn),
  });

  /** Calls and runs in progress, which `close()` lets finish before it closes the database. */
  const inProgress = new Set<Promise<unknown>>();
  function tracked<T>(work: Promise<T>): Promise<T> {
    inProgress.add(work);
    const forget = () => inProgress.delete(work);
    work.then(forget, forget);
    return work;
  }

  const assertOpen = () => {
    // A usage mistake, not a failure to retry: the same error tree as every other failure.
    if (closed) throw new ConfigError(`the local backend for ${settings.dataDir} is closed`);
  };

  async function invoke(request: BackendRequest): Promise<BackendResponse> {
    assertOpen();
    return tracked(invokeOpen(request));
  }

  async function invokeOpen(request: BackendRequest): Promise<BackendResponse> {
    const requestId = randomUUID();
    const { action } = request;
    if (request.signal?.aborted) throw new AbortError(`${action}: aborted by the caller`);
    const fail = (code: string, message: string) => createApiError({ code, message, requestId, action });
    const handler = isActionName(action) ? handlers[action] : undefined;
    if (!isActionName(action) || !handler)
      throw fail('InvalidAction', `The action ${action} does not exist.`);
    const checked = validateInput(action, request.payload);
    if (!checked.ok) throw fail(checked.problem.code, checked.problem.message);
    try {
      const payload = await handler(
        context(action, requestId, request.region || DEFAULT_REGION),
        checked.input,
      );
      return { payload, requestId };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      // An engine fault still answers like the service does, with the cause kept for debugging; a
      // storage failure (disk full, read-only directory) says so in words.
      const storage = toStorageError(error, settings.dataDir);
      const message = storage?.message ?? (error instanceof Error ? error.message : String(error));
      throw Object.assign(fail('InternalError', message), { cause: error });
    }
  }

  async function runDue(): Promise<RunDueReport> {
    assertOpen();
    return tracked(runDueOpen());
  }

  async function runDueOpen(): Promise<RunDueReport> {
    const ctx = context('runDue', randomUUID(), DEFAULT_REGION);
    try {
      const uploads = completeUploads(ctx);
      const sending = await runDueSending(ctx);
      return { uploads, ...sending };
    } catch (error) {
      throw toStorageError(error, settings.dataDir) ?? error;
    }
  }

  function startScheduler(intervalMs = DEFAULT_SCHEDULER_INTERVAL_MS): () => void {
    let running = false;
    const timer = setInterval(() => {
      // Skip a tick rather than overlap: a long run (a big batch) must not start twice.
      if (running || closed) return;
      running = true;
      runDue()
        .catch((error: unknown) => {
          process.emitWarning(
            `ses-cli local scheduler: ${error instanceof Error ? error.message : String(error)}`,
          );
        })
        .finally(() => {
          running = false;
        });
    }, intervalMs);
    timer.unref();
    const stop = () => {
      clearInterval(timer);
      stopSchedulers.delete(stop);
    };
    stopSchedulers.add(stop);
    return stop;
  }

  async function reset(): Promise<void> {
    assertOpen();
    writeTransaction(db, () => {
      db.pragma('defer_foreign_keys = ON');
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .pluck()
        .all() as string[];
      for (const table of tables) db.prepare(`DELETE FROM "${table}"`).run();
    });
    rmSync(outboxDir, { recursive: true, force: true });
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    for (const stop of [...stopSchedulers]) stop();
    // Work in progress ends first (a batch after its current chunk), so nothing is left half-done.
    await Promise.allSettled([...inProgress]);
    listeners.clear();
    await transport.close?.();
    db.close();
  }

  const inspection = context('inspection', 'inspection', DEFAULT_REGION);
  return {
    name: 'local',
    dataDir: settings.dataDir,
    appId: settings.appId,
    timeZone: settings.timeZone,
    warmupPlan: settings.warmupPlan,
    invoke,
    now: () => clock.now(),
    advanceTime: (ms) => {
      assertOpen();
      try {
        clock.advance(ms);
      } catch (error) {
        throw toStorageError(error, settings.dataDir) ?? error;
      }
    },
    runDue,
    startScheduler,
    reset,
    close,
    messages: createMessageStore(inspection),
    tracking: createTracking(inspection),
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
