import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { operations } from '@ses-cli/sdk';
import { createLocalBackend, type LocalBackend, type LocalBackendOptions } from '../backend.js';
import { DASHBOARD_PREFIX, handleDashboard } from '../dashboard/index.js';
import { type ApiHandlerOptions, handleApiRequest } from './api-handler.js';
import { FAULTS_PATH, handleFaults } from './fault-routes.js';
import { FaultInjector, type FaultMap } from './faults.js';
import { HttpError } from './http-error.js';
import { sendJson } from './http-util.js';
import { handleInspection, INSPECTION_PREFIX } from './inspection-routes.js';
import { DEFAULT_LOCAL_KEYS, type EmulatorKey } from './keys.js';
import { RateLimiter } from './rate-limiter.js';
import { ClientGoneError } from './read-body.js';
import { guardLocalRequest } from './request-guard.js';
import { handleTracking } from './tracking-routes.js';
import { WebhookDispatcher, type WebhookTarget } from './webhooks.js';

export interface EmulatorOptions {
  /** @default 4599; 0 picks a free port */
  readonly port?: number;
  /** @default '127.0.0.1' — loopback only unless told otherwise */
  readonly host?: string;
  /**
   * Host names the inspection API and the dashboard answer to, besides IP addresses, `localhost`
   * and `host`: any other `Host` header is refused (DNS-rebinding guard). Add the name other
   * machines use when binding to `0.0.0.0`. @default []
   */
  readonly allowedHosts?: readonly string[];
  /** The local backend's data directory (ignored when `backend` is given). */
  readonly dataDir: string;
  /** Key pairs whose signatures are accepted. @default [DEFAULT_LOCAL_KEYS] */
  readonly keys?: readonly EmulatorKey[];
  /** Enforce the documented per-action rates. @default true */
  readonly rateLimits?: boolean;
  /** Callback URLs for delivery events, in Tencent's callback shape. */
  readonly webhooks?: readonly WebhookTarget[];
  /** Webhook retry schedule. @default { maxAttempts: 5, baseDelayMs: 1000 } */
  readonly webhookRetry?: { readonly maxAttempts?: number; readonly baseDelayMs?: number };
  /** Receives operational messages (failed webhooks). */
  readonly log?: (line: string) => void;
  /** Options for the local backend the emulator creates. */
  readonly backendOptions?: Omit<LocalBackendOptions, 'dataDir'>;
  /** Serve an existing backend instead of creating one (it is not closed by `close()`). */
  readonly backend?: LocalBackend;
  /** How often due work (scheduled tasks, cached mail) runs. @unit milliseconds @default 1000; 0 disables */
  readonly schedulerIntervalMs?: number;
  /** Wall clock for the signature window. @default Date.now */
  readonly now?: () => number;
  /**
   * Faults to inject into API calls, by action (or `'*'`): latency, resets, 5xx, bad JSON… Off by
   * default; also settable at run time through `POST /_emulator/faults`. See docs/emulator.md.
   */
  readonly faults?: FaultMap;
}

export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:4599`. */
  readonly url: string;
  readonly keys: readonly EmulatorKey[];
  readonly backend: LocalBackend;
  /** The fault rules in force and the per-action call counters; `set`/`clear` change them. */
  readonly faults: FaultInjector;
  /** Client connections open right now (for leak checks in tests). */
  openConnections(): number;
  close(): Promise<void>;
}

/**
 * Starts the emulator: the Tencent Cloud API 3.0 protocol over the local engine at `POST /`, plus
 * tracking links (`/t/…`), the inspection API (`/_emulator/…`) and webhooks.
 */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const keys = options.keys && options.keys.length > 0 ? options.keys : [DEFAULT_LOCAL_KEYS];
  const now = options.now ?? Date.now;
  const rateLimiter =
    options.rateLimits === false
      ? undefined
      : new RateLimiter((action) => operations[action as keyof typeof operations]?.ratePerSecond ?? 20, now);
  let backend: LocalBackend | undefined = options.backend;
  const faults = new FaultInjector(options.faults);
  const closing = new AbortController();
  const sockets = new Set<Socket>();
  const allowedHosts = [...(options.allowedHosts ?? []), ...(options.host ? [options.host] : [])];

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      // The client hung up mid-request: nobody to answer.
      if (error instanceof ClientGoneError) return;
      if (error instanceof HttpError && !response.headersSent) {
        sendJson(response, error.status, { error: error.message });
        return;
      }
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
      else response.destroy(error instanceof Error ? error : undefined);
    });
  });

  let api: ApiHandlerOptions | undefined;
  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // The backend is created once the port is known (its tracking URLs need it); until then, wait.
    if (!backend || !api) {
      sendJson(response, 503, { error: 'starting' });
      return;
    }
    // The API call is the hot path: no URL parsing for it.
    if (request.url === '/' && request.method === 'POST') return handleApiRequest(request, response, api);
    const url = new URL(request.url ?? '/', 'http://emulator.local');
    if (handleTracking(url.pathname, request, response, backend)) return;
    if (url.pathname.startsWith(INSPECTION_PREFIX)) {
      // No authentication here: the same Host and cross-site checks as the dashboard's.
      guardLocalRequest(request, allowedHosts);
      if (url.pathname === FAULTS_PATH) return handleFaults(url, request, response, faults);
      await handleInspection(url, request, response, backend);
      return;
    }
    // The served backend's own settings, whether it was built here or handed in.
    const dashboardOptions = { timeZone: backend.timeZone, warmupPlan: backend.warmupPlan, allowedHosts };
    if (await handleDashboard(url, request, response, backend, dashboardOptions)) return;
    // A browser opening the emulator's address lands on the dashboard; an API client names an action.
    if (url.pathname === '/' && request.method === 'GET' && !request.headers['x-tc-action']) {
      response.writeHead(302, { location: DASHBOARD_PREFIX });
      response.end();
      return;
    }
    if (url.pathname === '/') return handleApiRequest(request, response, api);
    sendJson(response, 404, { error: 'not found' });
  }

  server.keepAliveTimeout = 65_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4599, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  // A wildcard bind is reachable on loopback; advertise that rather than an unroutable 0.0.0.0.
  const bound = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  const host = bound.includes(':') ? `[${bound}]` : bound;
  const url = `http://${host}:${address.port}`;

  const ownsBackend = !backend;
  try {
    backend ??= createLocalBackend({
      trackingBaseUrl: url,
      ...options.backendOptions,
      dataDir: options.dataDir,
    });
  } catch (error) {
    server.close();
    throw error;
  }
  const served = backend;
  api = { backend: () => served, keys, rateLimiter, nowMs: now, faults, closing: closing.signal };
  const webhooks = new WebhookDispatcher({
    targets: options.webhooks ?? [],
    appId: backend.appId,
    ...options.webhookRetry,
    ...(options.log ? { onError: options.log } : {}),
  });
  const unsubscribe = options.webhooks?.length
    ? backend.onEvent((event) => webhooks.dispatch(event))
    : undefined;
  const interval = options.schedulerIntervalMs ?? 1000;
  const stopScheduler = interval > 0 ? backend.startScheduler(interval) : undefined;

  return {
    url,
    keys,
    backend,
    faults,
    openConnections: () => sockets.size,
    async close() {
      closing.abort();
      stopScheduler?.();
      unsubscribe?.();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await webhooks.close();
      if (ownsBackend) await backend.close();
    },
  };
}
