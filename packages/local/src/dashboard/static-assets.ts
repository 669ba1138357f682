import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendBody } from './http.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};
const ASSET_NAME = /^[a-z0-9][a-z0-9.-]{0,100}$/;

/**
 * Where the built front end is: next to the bundle (`dist/dashboard`), next to the sources when
 * tests run them (`../../dist/dashboard`), or inside the installed `@ses-cli/local` when another
 * package bundles this code (the CLI does).
 */
function candidateDirs(): string[] {
  const here = import.meta.url;
  const dirs = [
    fileURLToPath(new URL('./dashboard/', here)),
    fileURLToPath(new URL('../../dist/dashboard/', here)),
  ];
  try {
    const manifest = createRequire(here).resolve('@ses-cli/local/package.json');
    dirs.push(join(dirname(manifest), 'dist', 'dashboard'));
  } catch {
    // Not installed as a package (tests on the sources): the first two cover it.
  }
  return dirs;
}

let located: string | undefined;

/** The directory holding the built `index.html` and assets, or undefined when it was not built. */
export function defaultAssetsDir(): string | undefined {
  located ??= candidateDirs().find((dir) => existsSync(join(dir, 'index.html')));
  return located;
}

const cache = new Map<string, Buffer>();

function readAsset(dir: string, name: string): Buffer | undefined {
  const path = join(dir, name);
  let body = cache.get(path);
  if (!body) {
    if (!existsSync(path)) return undefined;
    body = readFileSync(path);
    cache.set(path, body);
  }
  return body;
}

/** Answers the app's HTML page (every client-side route gets the same page). */
export function sendAppPage(response: ServerResponse, dir: string | undefined): void {
  const page = dir ? readAsset(dir, 'index.html') : undefined;
  if (!page) {
    const hint = 'The dashboard was not built: run `pnpm build` in packages/local.';
    sendBody(response, 503, Buffer.from(hint), 'text/plain; charset=utf-8');
    return;
  }
  sendBody(response, 200, page, CONTENT_TYPES['.html']!, { 'cache-control': 'no-cache' });
}

/** Answers `/ui/assets/<name>`; false when there is no such asset. */
export function sendAsset(response: ServerResponse, dir: string | undefined, name: string): boolean {
  if (!dir || !ASSET_NAME.test(name) || name.includes('..')) return false;
  const type = CONTENT_TYPES[name.slice(name.lastIndexOf('.'))];
  const body = type ? readAsset(dir, name) : undefined;
  if (!type || !body) return false;
  sendBody(response, 200, body, type, { 'cache-control': 'no-cache' });
  return true;
}
