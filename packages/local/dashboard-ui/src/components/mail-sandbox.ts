/**
 * What the email's frame may do: open its links in a new tab, outside the sandbox (the tab is an
 * ordinary page of the link's site, so the site works and the click goes through click tracking).
 * Nothing else: no scripts, no same-origin access (its origin stays opaque), no forms, no
 * navigating the dashboard. Links are rewritten first so only http(s) and mailto ones open.
 */
export const MAIL_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';
