import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { DashboardHttpError } from './http.js';

/** The header the dashboard's own scripts send with every state-changing request. */
export const DASHBOARD_HEADER = 'x-ses-dashboard';

/**
 * Refuses a state-changing request unless it can only have come from the dashboard's own page:
 * - a JSON content type and the custom header: an HTML form can set neither, and another origin
 *   cannot send them without a CORS preflight, which is never granted;
 * - `Origin` and `Sec-Fetch-Site`, when the browser sends them, must say same origin;
 * - the `Host` must be an IP address or `localhost`, so a DNS-rebinding page (whose host name is
 *   its own) cannot pass as same-origin.
 */
export function assertSameOriginJson(request: IncomingMessage): void {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new DashboardHttpError(415, 'content-type must be application/json');
  if (request.headers[DASHBOARD_HEADER] !== '1') {
    throw new DashboardHttpError(403, `the ${DASHBOARD_HEADER} header is required`);
  }
  const host = request.headers.host ?? '';
  if (!isLocalHostName(hostName(host))) throw new DashboardHttpError(403, 'unexpected Host header');
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    throw new DashboardHttpError(403, 'cross-origin requests are refused');
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') {
    throw new DashboardHttpError(403, 'cross-site requests are refused');
  }
}

function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

function isLocalHostName(name: string): boolean {
  const lower = name.toLowerCase();
  return isIP(lower) !== 0 || lower === 'localhost' || lower.endsWith('.localhost');
}
