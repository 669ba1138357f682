/** Link targets a mail may open from the dashboard: web pages and mail addresses, nothing that runs. */
const OPENABLE = /^(https?:|mailto:)/i;

/**
 * The email's HTML made ready for the sandboxed frame: every link opens in a new tab (the frame's
 * CSP forbids framing other sites, so following a link inside it would only show an error page),
 * without an opener or a referrer; links to anything but http(s) and mailto (`javascript:`,
 * `data:`, relative paths into the dashboard) lose their target; the mail's own `<base>` and
 * `<meta http-equiv=refresh>` go. DOMParser neither runs scripts nor loads anything.
 */
export function prepareMailHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const element of doc.querySelectorAll('base, meta[http-equiv="refresh" i]')) element.remove();
  const base = doc.createElement('base');
  base.setAttribute('target', '_blank');
  doc.head.prepend(base);
  for (const link of doc.querySelectorAll('a[href], area[href]')) {
    const href = link.getAttribute('href')?.trim() ?? '';
    if (!OPENABLE.test(href)) {
      link.removeAttribute('href');
      continue;
    }
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }
  return `<!doctype html>${doc.documentElement.outerHTML}`;
}
