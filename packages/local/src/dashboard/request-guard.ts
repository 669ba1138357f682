import type { IncomingMessage } from 'node:http';
import { HttpError } from '../emulator/http-error.js';
import { assertJsonContentType } from '../emulator/request-guard.js';

/** The header the dashboard's own scripts send with every state-changing request. */
export const DASHBOARD_HEADER = 'x-ses-dashboard';

/**
 * What a dashboard POST needs on top of the emulator's shared guard (`guardLocalRequest`: Host
 * allow-list, same-origin `Origin` / `Sec-Fetch-Site`): a JSON body, always, and the custom header,
 * which another origin cannot send without a CORS preflight that is never granted.
 */
export function assertDashboardWrite(request: IncomingMessage): void {
  assertJsonContentType(request);
  if (request.headers[DASHBOARD_HEADER] !== '1') {
    throw new HttpError(403, `the ${DASHBOARD_HEADER} header is required`);
  }
}
