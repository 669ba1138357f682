import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { HttpError } from './http-error.js';

/** Methods that only read; anything else changes state and gets the cross-site checks. */
const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The guard in front of the inspection API (`/_emulator/…`) and the dashboard (`/ui…`). Neither has
 * authentication: they trust whoever can reach the port, so what matters is what a web page open in
 * the user's browser can make the browser do.
 * - Every request's `Host` must be an IP address, `localhost` / `*.localhost`, or one of
 *   `allowedHosts` (the host name the emulator was bound to). A DNS-rebinding page reaches the
 *   emulator under its own host name, so it is refused before it can read captured mail.
 * - A request that changes state (any method but GET/HEAD/OPTIONS) must not say it comes from
 *   another origin (`Origin`, `Sec-Fetch-Site`), and its body, if any, must be declared JSON: an
 *   HTML form can only send form or text types, and another origin cannot send JSON without a CORS
 *   preflight, which is never granted.
 * Clients that are not browsers send neither `Origin` nor `Sec-Fetch-Site` and pass.
 * @throws {HttpError} 403 or 415 naming the header that was refused.
 */
export function guardLocalRequest(request: IncomingMessage, allowedHosts: readonly string[]): void {
  assertLocalHost(request, allowedHosts);
  if (READ_ONLY_METHODS.has(request.method ?? 'GET')) return;
  assertSameOrigin(request);
  if (mediaType(request) === undefined && !hasBody(request)) return;
  assertJsonContentType(request);
}

/** Refuses anything but `Content-Type: application/json` (parameters such as charset allowed). */
export function assertJsonContentType(request: IncomingMessage): void {
  if (mediaType(request) !== 'application/json') {
    throw new HttpError(415, 'content-type must be application/json');
  }
}

function assertLocalHost(request: IncomingMessage, allowedHosts: readonly string[]): void {
  const name = hostName(request.headers.host ?? '').toLowerCase();
  const allowed =
    isIP(name) !== 0 ||
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    allowedHosts.some((host) => host.toLowerCase() === name);
  if (!allowed)
    throw new HttpError(403, 'unexpected Host header (only IP addresses, localhost and the bound host)');
}

function assertSameOrigin(request: IncomingMessage): void {
  const origin = request.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${request.headers.host ?? ''}`.toLowerCase()) {
    throw new HttpError(403, 'cross-origin requests are refused (Origin)');
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') {
    throw new HttpError(403, 'cross-site requests are refused (Sec-Fetch-Site)');
  }
}

/** The Host header's name: without its port, and an IPv6 literal without its brackets. */
function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

function mediaType(request: IncomingMessage): string | undefined {
  return request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
}

function hasBody(request: IncomingMessage): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = request.headers['content-length'];
  return length !== undefined && length !== '0';
}
