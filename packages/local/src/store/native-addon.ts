import { createRequire } from 'node:module';
import { ConfigError } from '@ses-cli/sdk';

/** Where an install of better-sqlite3 puts its compiled addon. */
const ADDON = 'better-sqlite3/build/Release/better_sqlite3.node';

let options: { nativeBinding: string } | undefined;

/**
 * better-sqlite3 options naming its compiled addon directly. Without them it asks the `bindings`
 * package to probe a dozen candidate paths at every start (a measurable part of CLI start-up,
 * bench/cli.md), and a bundle that inlines better-sqlite3's JavaScript — the CLI's — could not find
 * the addon at all.
 * @throws {ConfigError} when the addon was never built (see {@link locateNativeAddon})
 */
export function nativeAddonOptions(): { nativeBinding: string } {
  options ??= { nativeBinding: locateNativeAddon(createRequire(import.meta.url).resolve) };
  return options;
}

/**
 * The addon's path, through `resolve`. An install that skipped build scripts (pnpm 10 by default,
 * `npm ci --ignore-scripts`) has none: that is a setup problem with a known fix, said as such
 * instead of better-sqlite3's "Could not locate the bindings file".
 * @throws {ConfigError}
 */
export function locateNativeAddon(resolve: (id: string) => string): string {
  try {
    return resolve(ADDON);
  } catch {
    throw new ConfigError(
      `the local backend needs better-sqlite3's native addon, and it was not built (${ADDON} is missing). ` +
        'Build it with `npm rebuild better-sqlite3`; with pnpm, allow its build script ' +
        '(`pnpm approve-builds`, or list better-sqlite3 in onlyBuiltDependencies) and reinstall.',
    );
  }
}
