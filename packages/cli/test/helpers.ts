import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliContext } from '../src/context.js';
import { runCli } from '../src/run.js';

/** What an in-process run produced. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link runInProcess}. */
export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  tty?: boolean;
  stdin?: string;
  signal?: AbortSignal;
}

function stream(tty: boolean) {
  const s = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  s.isTTY = tty;
  s.columns = 100;
  let text = '';
  s.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return { s, text: () => text };
}

/** Runs the CLI in-process with fake streams and a given data directory. */
export async function runInProcess(
  argv: string[],
  dataDir: string,
  options: RunOptions = {},
): Promise<RunResult> {
  const out = stream(options.tty ?? false);
  const err = stream(options.tty ?? false);
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = options.tty ?? false;
  stdin.end(options.stdin ?? '');
  const ctx: CliContext = {
    stdout: out.s,
    stderr: err.s,
    stdin,
    env: {
      HOME: dataDir,
      XDG_CONFIG_HOME: join(dataDir, 'config'),
      TCCLI_HOME: join(dataDir, 'tccli'),
      SES_CLI_DATA_DIR: join(dataDir, 'data'),
      ...options.env,
    },
    cwd: dataDir,
    signal: options.signal,
  };
  const code = await runCli(argv, ctx);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: out.text(), stderr: err.text() };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'ses-cli-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
