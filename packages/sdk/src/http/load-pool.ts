import type { Pool } from 'undici';

/** The constructor of undici's keep-alive connection pool. */
export type PoolConstructor = typeof Pool;

/**
 * undici's `Pool` module on its own. The package entry also loads fetch, WebSocket, the cache
 * stores, the mock agents and every interceptor (≈ 9 MB of RSS) that the backend never uses. undici
 * declares no `exports` map, so the path resolves, but it is not a documented entry point: a
 * variable keeps bundlers and the type checker from binding to it.
 */
const POOL_MODULE: string = 'undici/lib/dispatcher/pool.js';

let loading: Promise<PoolConstructor> | undefined;

/** Loads undici's `Pool` once, falling back to the package entry if its layout ever changes. */
export function loadPool(): Promise<PoolConstructor> {
  loading ??= import(POOL_MODULE).then(
    (module: { default?: unknown }) =>
      typeof module.default === 'function' ? (module.default as PoolConstructor) : fromEntry(),
    fromEntry,
  );
  return loading;
}

async function fromEntry(): Promise<PoolConstructor> {
  // Named exports when Node loads undici itself; only `default` when a bundler wrapped it (the CLI).
  const entry = (await import('undici')) as { Pool?: PoolConstructor; default?: { Pool?: PoolConstructor } };
  const Pool = entry.Pool ?? entry.default?.Pool;
  if (!Pool) throw new TypeError('undici has no Pool export');
  return Pool;
}
