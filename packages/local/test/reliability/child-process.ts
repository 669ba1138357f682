// Spawns fixtures/child.ts under tsx and follows its stdout line by line.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const script = fileURLToPath(new URL('./fixtures/child.ts', import.meta.url));

/** A running child: its output so far, a way to wait for a line, and its exit. */
export interface Child {
  readonly process: ChildProcess;
  readonly lines: string[];
  stderr(): string;
  /** Resolves with the first line (seen or future) that `match` accepts. */
  waitFor(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Called for every line as it arrives. */
  onLine(listener: (line: string) => void): void;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): Promise<void>;
}

/** Starts `child.ts <args>` from the repository root (whose tsconfig maps @ses-cli/sdk to sources). */
export function startChild(args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', tsx, script, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  let stderr = '';
  let partial = '';
  proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const listener of listeners) listener(line);
    }
  });
  proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: proc,
    lines,
    stderr: () => stderr,
    onLine: (listener) => listeners.push(listener),
    waitFor(match, timeoutMs = 20_000) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`child did not report in time; stderr: ${stderr.slice(-2000)}`)),
          timeoutMs,
        );
        listeners.push((line) => {
          if (match(line)) {
            clearTimeout(timer);
            resolve(line);
          }
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`child exited before reporting; stderr: ${stderr.slice(-2000)}`));
        });
      });
    },
    exited,
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}
