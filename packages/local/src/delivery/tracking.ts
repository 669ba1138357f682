import { escapeHtml } from '@ses-cli/sdk';
import { MessageCompositionError } from './composition-error.js';
import { decodeHtmlAttribute, insertBeforeBodyEnd } from './html.js';
import { assertHttpUrl } from './url.js';

/** HTML with tracked links and the open pixel, and the original URL behind each click index. */
export interface TrackedHtml {
  html: string;
  links: string[];
}

// `<a … href=…>` with the value in double quotes, single quotes or bare; group 1 is everything up
// to the value, groups 2–4 the value in its quoting. Quoted attributes before `href` may hold a `>`
// (`title="1 > 0"`), so they are skipped whole.
const ANCHOR_HREF = /(<a\b(?:[^>"']|"[^"]*"|'[^']*')*?\shref\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Rewrites every http(s) link to `${baseUrl}/t/click/${token}/${index}` (index into `links`, each
 * occurrence its own index) and appends a 1×1 open pixel `${baseUrl}/t/open/${token}.gif`.
 * Other schemes (`mailto:`, `#anchor`) are left alone: there is nothing to redirect to.
 */
export function trackHtml(html: string, baseUrl: string, token: string): TrackedHtml {
  assertHttpUrl('tracking.baseUrl', baseUrl);
  return trackHtmlWithCheckedBase(html, baseUrl, token);
}

/** {@link trackHtml} for a `baseUrl` the caller already checked with `assertHttpUrl` (once per batch). */
export function trackHtmlWithCheckedBase(html: string, baseUrl: string, token: string): TrackedHtml {
  if (!TOKEN.test(token))
    throw new MessageCompositionError('tracking.token', 'must be 1-128 of [A-Za-z0-9_-]');
  const base = baseUrl.replace(/\/+$/, '');
  const links: string[] = [];
  const rewritten = html.replace(
    ANCHOR_HREF,
    (whole, prefix: string, dq: string | undefined, sq: string | undefined, bare: string | undefined) => {
      const url = decodeHtmlAttribute((dq ?? sq ?? bare ?? '').trim());
      if (!/^https?:\/\//i.test(url)) return whole;
      links.push(detached(url));
      return `${prefix}"${escapeHtml(`${base}/t/click/${token}/${links.length - 1}`)}"`;
    },
  );
  const pixel =
    `<img src="${escapeHtml(`${base}/t/open/${token}.gif`)}" width="1" height="1" alt="" ` +
    'style="border:0;width:1px;height:1px" />';
  return { html: insertBeforeBodyEnd(rewritten, pixel), links };
}

/**
 * A copy of `text` that shares no memory with it. A matched URL is a slice of the whole HTML, which
 * V8 keeps alive as long as the slice: a batch message's links outlive its HTML by the time its
 * signature and its record take, hundreds of messages at a time. (The JSON round trip keeps every
 * code unit, lone surrogates included.)
 */
function detached(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
