import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_WARMUP_PLAN, SES_TIME_ZONE, type WarmupPlan } from '@ses-cli/sdk';
import type { LocalBackend } from '../backend.js';
import { decodePathSegment, HttpError } from '../emulator/http-error.js';
import { guardLocalRequest } from '../emulator/request-guard.js';
import { advanceClock, clockView, resetBackend } from './clock-api.js';
import { funnelView } from './funnel-api.js';
import { readJsonObject, sendApiError, sendApiJson } from './http.js';
import { listMessages, messageDetail } from './messages-api.js';
import { assertDashboardWrite } from './request-guard.js';
import { defaultAssetsDir, sendAppPage, sendAsset } from './static-assets.js';
import { listTasks } from './tasks-api.js';
import { warmupView } from './warmup-api.js';

export { DASHBOARD_CSP } from './http.js';
export { DASHBOARD_HEADER } from './request-guard.js';
export type * from './types.js';

/** Where the dashboard lives on the emulator. */
export const DASHBOARD_PREFIX = '/ui';

/** Settings the emulator knows better than the dashboard; every one has the engine's default. */
export interface DashboardOptions {
  /** The backend's time zone (default dates of the funnel). @default 'Asia/Shanghai' */
  readonly timeZone?: string | undefined;
  /** The backend's warm-up plan. @default DEFAULT_WARMUP_PLAN */
  readonly warmupPlan?: WarmupPlan | undefined;
  /** The built front end. @default the `dist/dashboard` of this package */
  readonly assetsDir?: string | undefined;
  /**
   * Host names the dashboard answers to besides IP addresses and `localhost` (DNS-rebinding guard).
   * @default []
   */
  readonly allowedHosts?: readonly string[] | undefined;
}

const MESSAGE = /^\/ui\/api\/messages\/([^/]{1,200})$/;

/**
 * Serves the web dashboard: the app at `/ui` and `/ui/…`, its JSON API under `/ui/api/…`.
 * Returns false when the path is not the dashboard's, so the caller's router can go on.
 */
export async function handleDashboard(
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
  backend: LocalBackend,
  options: DashboardOptions = {},
): Promise<boolean> {
  const path = url.pathname;
  if (path !== DASHBOARD_PREFIX && !path.startsWith(`${DASHBOARD_PREFIX}/`)) return false;
  const method = request.method ?? 'GET';
  try {
    guardLocalRequest(request, options.allowedHosts ?? []);
    if (path.startsWith('/ui/api/'))
      await handleApi(path, method, url.searchParams, request, response, backend, options);
    else servePage(path, method, response, options);
  } catch (error) {
    if (!(error instanceof HttpError) || response.headersSent) throw error;
    sendApiError(response, error.status, error.message);
  }
  return true;
}

/** The app itself: its assets, and its page for every other path under `/ui`. */
function servePage(path: string, method: string, response: ServerResponse, options: DashboardOptions): void {
  if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'method not allowed');
  const assetsDir = options.assetsDir ?? defaultAssetsDir();
  if (path.startsWith('/ui/assets/')) {
    if (!sendAsset(response, assetsDir, path.slice('/ui/assets/'.length)))
      throw new HttpError(404, 'not found');
    return;
  }
  sendAppPage(response, assetsDir);
}

async function handleApi(
  path: string,
  method: string,
  params: URLSearchParams,
  request: IncomingMessage,
  response: ServerResponse,
  backend: LocalBackend,
  options: DashboardOptions,
): Promise<void> {
  const timeZone = options.timeZone ?? SES_TIME_ZONE;
  if (method === 'POST') {
    assertDashboardWrite(request);
    const body = await readJsonObject(request);
    if (path === '/ui/api/clock/advance')
      return sendApiJson(response, 200, await advanceClock(backend, timeZone, body));
    if (path === '/ui/api/reset') {
      await resetBackend(backend, body);
      return sendApiJson(response, 200, clockView(backend, timeZone));
    }
    throw new HttpError(404, 'not found');
  }
  if (method !== 'GET') throw new HttpError(405, 'method not allowed');
  if (path === '/ui/api/clock') return sendApiJson(response, 200, clockView(backend, timeZone));
  if (path === '/ui/api/messages') return sendApiJson(response, 200, listMessages(backend, params));
  if (path === '/ui/api/tasks') return sendApiJson(response, 200, await listTasks(backend, params));
  if (path === '/ui/api/funnel')
    return sendApiJson(response, 200, await funnelView(backend, params, timeZone));
  if (path === '/ui/api/warmup') {
    return sendApiJson(
      response,
      200,
      await warmupView(backend, options.warmupPlan ?? DEFAULT_WARMUP_PLAN, timeZone),
    );
  }
  const match = MESSAGE.exec(path);
  if (match) {
    return sendApiJson(
      response,
      200,
      await messageDetail(backend, decodePathSegment(match[1]!, 'message id')),
    );
  }
  throw new HttpError(404, 'not found');
}
