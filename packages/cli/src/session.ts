import type { LocalBackend } from '@ses-cli/local';
import type { Backend, SesClient } from '@ses-cli/sdk';
// Static: a few lines over node:fs, which the runner has loaded already (a chunk of its own would
// cost every local command one more module load).
import { ensureDataDir } from './config/data-dir.js';
import type { CliContext, GlobalOptions } from './context.js';
import { UsageError } from './errors.js';
import { createDebugBackend, maskSecrets } from './output/debug.js';
import { createUi, type Ui } from './output/ui.js';

/** A wire request recorded instead of sent under `--dry-run`. */
export interface RecordedRequest {
  readonly action: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** A wire response: the action's `Response` object without the envelope. */
export type Wire = Record<string, unknown>;

/**
 * What a command gets to work with: the resolved global options, stderr UI, and lazily built
 * backend and client (the local backend runs its due work before the first call).
 */
export interface Session {
  readonly cli: CliContext;
  readonly globals: GlobalOptions;
  readonly ui: Ui;
  /** The SDK client for the chosen backend; built on first use. */
  client(): Promise<SesClient>;
  /** The local backend itself (time travel, outbox); a usage error on `--backend tencent`. */
  local(): Promise<LocalBackend>;
  /** A read: always sent. */
  call(action: string, payload?: Wire): Promise<Wire>;
  /** A write: sent, or under `--dry-run` validated against the operation table and recorded. */
  write(action: string, payload?: Wire): Promise<Wire | undefined>;
  /** Requests recorded under `--dry-run`. */
  readonly recorded: readonly RecordedRequest[];
  /**
   * Creates the local data directory if needed and returns it.
   * @throws {CliConfigError} naming `--data-dir` (or where the path came from) when it cannot be one
   */
  dataDir(): Promise<string>;
  /**
   * For commands that run until Ctrl-C (`serve`): resolves on Ctrl-C, and from then on Ctrl-C is the
   * command's normal end: the runner lets it clean up and finish instead of exiting with 130.
   */
  untilInterrupted(): Promise<void>;
  /** True once the command called {@link untilInterrupted}. */
  readonly stopsOnInterrupt: boolean;
  /**
   * Under `--json`, prints the command's one JSON document now, on one line (a long-running command
   * announces itself before it finishes); the runner then prints no other. Nothing otherwise.
   */
  emitJson(document: unknown): void;
  /** True once {@link emitJson} printed the document. */
  readonly emitted: boolean;
  /** Releases the database or connections. */
  close(): Promise<void>;
}

/** What a session knows about where its settings came from. */
export interface SessionOptions {
  /** How to name the data directory's origin in an error: `--data-dir`, `SES_CLI_DATA_DIR`, … */
  readonly dataDirOrigin?: string;
}

/** Builds the session for one command run. */
export function createSession(
  cli: CliContext,
  globals: GlobalOptions,
  options: SessionOptions = {},
): Session {
  const ui = createUi(cli, globals);
  const recorded: RecordedRequest[] = [];
  let localBackend: LocalBackend | undefined;
  let clientPromise: Promise<SesClient> | undefined;
  let stopsOnInterrupt = false;
  let emitted = false;

  const dataDir = async (): Promise<string> => {
    ensureDataDir(globals.dataDir, options.dataDirOrigin ?? '--data-dir');
    return globals.dataDir;
  };

  const openLocal = async (): Promise<LocalBackend> => {
    if (!localBackend) {
      await dataDir();
      const { createLocalBackend } = await import('./backends/local.js');
      localBackend = createLocalBackend({ dataDir: globals.dataDir, ...(cli.now ? { now: cli.now } : {}) });
      // One-shot CLI use: whatever became due since the last command (uploads, scheduled tasks,
      // cached emails) happens now, so every command sees the current state.
      if (!globals.dryRun) await localBackend.runDue();
    }
    return localBackend;
  };

  const buildClient = async (): Promise<SesClient> => {
    const { SesClient } = await import('./backends/client.js');
    const logger = globals.debug ? (line: string) => ui.debug(line) : undefined;
    let backend: Backend;
    if (globals.backend === 'local') {
      backend = await openLocal();
      ui.banner(`local backend · ${globals.dataDir}`);
    } else {
      const { HttpBackend } = await import('./backends/tencent.js');
      backend = new HttpBackend({
        ...(globals.profile ? { profile: globals.profile } : {}),
        ...(globals.endpoint ? { endpoint: globals.endpoint } : {}),
        env: cli.env,
      });
    }
    if (globals.debug) backend = createDebugBackend(backend, (line) => ui.debug(line));
    const client = new SesClient({
      backend,
      ...(globals.region ? { region: globals.region } : {}),
      ...(globals.profile ? { profile: globals.profile } : {}),
      ...(logger ? { logger } : {}),
      env: cli.env,
    });
    if (globals.backend === 'tencent') {
      ui.banner(
        `tencent backend · region ${client.region}${globals.endpoint ? ` · ${globals.endpoint}` : ''}`,
      );
    }
    return client;
  };

  const session: Session = {
    cli,
    globals,
    ui,
    recorded,
    client: () => {
      clientPromise ??= buildClient();
      return clientPromise;
    },
    async local() {
      if (globals.backend !== 'local') {
        throw new UsageError('this command needs the local backend (--backend local)');
      }
      return openLocal();
    },
    async call(action, payload = {}) {
      const client = await session.client();
      const options = cli.signal ? { signal: cli.signal } : {};
      return (await client.invoke(action as never, payload as never, options)) as Wire;
    },
    async write(action, payload = {}) {
      if (!globals.dryRun) return session.call(action, payload);
      const { validateWire } = await import('./wire.js');
      // Printed as the dry-run result: secret fields (an SMTP password) never reach the terminal.
      recorded.push({ action, payload: maskSecrets(await validateWire(action, payload)) });
      return undefined;
    },
    dataDir,
    get stopsOnInterrupt() {
      return stopsOnInterrupt;
    },
    untilInterrupted() {
      stopsOnInterrupt = true;
      return new Promise<void>((resolve) => {
        // No signal (an embedding without Ctrl-C): runs until the process ends.
        if (!cli.signal) return;
        if (cli.signal.aborted) return resolve();
        cli.signal.addEventListener('abort', () => resolve(), { once: true });
      });
    },
    get emitted() {
      return emitted;
    },
    emitJson(document) {
      if (!globals.json || emitted) return;
      emitted = true;
      cli.stdout.write(`${JSON.stringify(document)}\n`);
    },
    async close() {
      ui.stop();
      if (clientPromise) await (await clientPromise.catch(() => undefined))?.close();
      else await localBackend?.close();
    },
  };
  return session;
}
