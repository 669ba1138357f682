import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalBackend } from '../backend.js';
import { notFound, sendText } from './http-util.js';

/** The smallest transparent GIF: what an open pixel answers. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const OPEN = /^\/t\/open\/([A-Za-z0-9_-]{1,128})\.gif$/;
const CLICK = /^\/t\/click\/([A-Za-z0-9_-]{1,128})\/(\d{1,6})$/;
const UNSUBSCRIBE = /^\/t\/unsubscribe\/([A-Za-z0-9_-]{1,128})$/;

/**
 * Opens, clicks and unsubscribes from the links in delivered mail. A click redirects only to a link
 * that was in that message (looked up by its index), so the emulator is never an open redirect.
 * Returns false when the path is not a tracking path.
 */
export function handleTracking(
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
  backend: LocalBackend,
): boolean {
  const userAgent = request.headers['user-agent'];
  let match = OPEN.exec(path);
  if (match) {
    backend.tracking.open(match[1]!, userAgent);
    response.writeHead(200, {
      'content-type': 'image/gif',
      'cache-control': 'no-store',
      'content-length': PIXEL.length,
    });
    response.end(PIXEL);
    return true;
  }
  match = CLICK.exec(path);
  if (match) {
    const target = backend.tracking.click(match[1]!, Number(match[2]), userAgent);
    // Percent-encoded: a link's non-ASCII characters or spaces cannot go into a Location header raw.
    const location = target === undefined ? undefined : encodedUrl(target);
    if (!location) {
      notFound(response);
      return true;
    }
    response.writeHead(302, { location, 'cache-control': 'no-store' });
    response.end();
    return true;
  }
  match = UNSUBSCRIBE.exec(path);
  if (match) {
    // GET from the footer link, POST from a mail client's one-click List-Unsubscribe.
    const done = backend.tracking.unsubscribe(match[1]!);
    if (!done) notFound(response);
    else
      sendText(
        response,
        200,
        '<!doctype html><title>Unsubscribed</title><p>You have been unsubscribed.</p>',
        'text/html; charset=utf-8',
      );
    return true;
  }
  return false;
}

/** `url` with its non-ASCII characters and spaces percent-encoded, or undefined when it is not a URL. */
function encodedUrl(url: string): string | undefined {
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}
