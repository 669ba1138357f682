import { createRequire } from 'node:module';

let options: { nativeBinding?: string } | undefined;

/**
 * better-sqlite3 options naming its compiled addon directly. Without them it asks the `bindings`
 * package to probe a dozen candidate paths at every start (a measurable part of CLI start-up,
 * bench/cli.md), and a bundle that inlines better-sqlite3's JavaScript — the CLI's — could not find
 * the addon at all. Empty when the addon is not where an install puts it: better-sqlite3 searches.
 */
export function nativeAddonOptions(): { nativeBinding?: string } {
  if (options === undefined) {
    try {
      const addon = 'better-sqlite3/build/Release/better_sqlite3.node';
      options = { nativeBinding: createRequire(import.meta.url).resolve(addon) };
    } catch {
      options = {};
    }
  }
  return options;
}
