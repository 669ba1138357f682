import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built binary; tests that spawn it call {@link ensureBuilt} first. */
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** Builds the CLI (and the workspace packages it bundles) when dist is missing. */
export function ensureBuilt(): void {
  if (existsSync(BIN)) return;
  execFileSync('pnpm', ['--filter', 'ses-cli...', 'run', 'build'], {
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    stdio: 'ignore',
  });
}
