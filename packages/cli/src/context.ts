import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** A writable stream that may be a terminal. */
export type OutStream = Writable & { isTTY?: boolean; columns?: number };
/** A readable stream that may be a terminal. */
export type InStream = Readable & { isTTY?: boolean };

/**
 * Everything a CLI run touches from the outside world. `bin.ts` builds the real one; tests pass
 * PassThrough streams, a temp data directory and their own environment.
 */
export interface CliContext {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly stdin: InStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Fires on Ctrl-C; commands pass it to every call so they stop promptly. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Called when a secret was given as a command-line flag; the real binary renames its process so
   * the value no longer shows in `ps` (best effort: it was visible until then).
   */
  readonly hideArguments?: (() => void) | undefined;
  /** Real clock for the local backend, in epoch ms (tests inject one). */
  readonly now?: (() => number) | undefined;
}

/** The options every command accepts, after defaults from flags, environment and profile. */
export interface GlobalOptions {
  readonly backend: 'local' | 'tencent';
  readonly region: string | undefined;
  readonly profile: string | undefined;
  readonly endpoint: string | undefined;
  readonly dataDir: string;
  readonly json: boolean;
  readonly color: boolean;
  readonly debug: boolean;
  readonly yes: boolean;
  readonly dryRun: boolean;
}

/**
 * The per-user data directory of the local backend: `$SES_CLI_DATA_DIR`, else
 * `$XDG_DATA_HOME/ses-cli`, else `~/.local/share/ses-cli`.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  if (env.SES_CLI_DATA_DIR) return env.SES_CLI_DATA_DIR;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'ses-cli');
  return join(env.HOME || homedir(), '.local', 'share', 'ses-cli');
}

/** The CLI's own config file (profiles' backend choice): `$XDG_CONFIG_HOME/ses-cli/config.json`. */
export function configFilePath(env: NodeJS.ProcessEnv): string {
  if (env.SES_CLI_CONFIG) return env.SES_CLI_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'ses-cli', 'config.json');
}

/** Color is off with `--no-color`, `NO_COLOR` (any value), `FORCE_COLOR=0`, `--json` or a non-TTY. */
export function colorEnabled(
  flag: boolean,
  json: boolean,
  env: NodeJS.ProcessEnv,
  stream: OutStream,
): boolean {
  if (!flag || json) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return true;
  return stream.isTTY === true;
}
