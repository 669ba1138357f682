import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`), as CI installs it. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Flags for a headless Chromium that talks to nothing but the page's own server. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** What a page did that a hostile email could cause: dialogs, console lines and uncaught errors. */
export interface PageWatch {
  dialogs: string[];
  console: string[];
  errors: string[];
}

/** Records the page's dialogs (dismissing them), console messages and page errors. */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { dialogs: [], console: [], errors: [] };
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => watch.console.push(message.text()));
  page.on('pageerror', (error) => watch.errors.push(error.message));
  return watch;
}
