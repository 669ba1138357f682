import type { LocalBackend } from '@ses-cli/local';
import type { Backend, SesClient } from '@ses-cli/sdk';
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
  /** Releases the database or connections. */
  close(): Promise<void>;
}

/** Builds the session for one command run. */
export function createSession(cli: CliContext, globals: GlobalOptions): Session {
  const ui = createUi(cli, globals);
  const recorded: RecordedRequest[] = [];
  let localBackend: LocalBackend | undefined;
  let clientPromise: Promise<SesClient> | undefined;

  const openLocal = async (): Promise<LocalBackend> => {
    if (!localBackend) {
      const { mkdirSync } = await import('node:fs');
      mkdirSync(globals.dataDir, { recursive: true });
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
    async close() {
      ui.stop();
      if (clientPromise) await (await clientPromise.catch(() => undefined))?.close();
      else await localBackend?.close();
    },
  };
  return session;
}
