import { credentialFilePath, exposedFileWarning } from './config/permissions.js';
import { dataDirOrigin, globalsOf, resolveSettings } from './config/resolve.js';
import type { CliContext, GlobalOptions } from './context.js';
import { colorEnabled, configFilePath } from './context.js';
import type { CommandResult, PendingCommand } from './define-command.js';
import {
  CommanderExit,
  EXIT,
  errorDocument,
  exitCodeFor,
  InterruptedError,
  isKnownError,
  PartialFailureError,
  UsageError,
} from './errors.js';
import { render } from './output/render.js';
import { printable } from './parse/header-safe.js';
import { createProgram, fromCommanderError, type ParseState } from './program.js';
import { createSession, type Session } from './session.js';
import { VERSION } from './version.js';

/**
 * Runs the CLI once: parse, execute, render, and return the exit code. Never exits the process
 * (bin.ts does), so tests call it in-process with fake streams.
 */
export async function runCli(argv: readonly string[], cli: CliContext): Promise<number> {
  const state: ParseState = {};
  const jsonRequested = argv.includes('--json');
  // Under --json, commander's own stderr text (a noun's help for a missing verb) is held back: the
  // error is reported below as one JSON document. Its stdout text (help, version) is held too, so
  // `--version` can become `{"version":…}`.
  const held: string[] = [];
  const parseCtx = jsonRequested
    ? {
        ...cli,
        stdout: { write: (text: string) => held.push(String(text)) > 0 } as unknown as typeof cli.stdout,
        stderr: { write: () => true } as unknown as typeof cli.stderr,
      }
    : cli;
  const flush = () => {
    if (held.length > 0) cli.stdout.write(held.join(''));
  };
  try {
    await createProgram(parseCtx, state, argv).parseAsync([...argv], { from: 'user' });
  } catch (error) {
    const mapped = fromCommanderError(error);
    if (mapped instanceof CommanderExit && mapped.exitCode === 0) {
      if (jsonRequested && mapped.code === 'commander.version') {
        cli.stdout.write(`${JSON.stringify({ version: VERSION })}\n`);
      } else flush();
      return EXIT.ok;
    }
    // A noun without a verb: commander already printed that noun's help on stderr (not under --json).
    if (mapped instanceof CommanderExit && mapped.code === 'commander.help') {
      if (!jsonRequested) return EXIT.usage;
      // The path commander resolved, not every word of the line: option values are not commands.
      const noun = state.helpFor ?? '';
      const see = noun ? `ses-cli ${noun} --help` : 'ses-cli --help';
      return reportError(new UsageError(`${noun ? `${noun}: ` : ''}give a command (see ${see})`), cli, true);
    }
    return reportError(mapped, cli, jsonRequested);
  }
  flush();
  if (!state.pending) return EXIT.ok;
  return execute(state.pending, cli);
}

async function execute(pending: PendingCommand, cli: CliContext): Promise<number> {
  let globals: GlobalOptions | undefined;
  let session: Session | undefined;
  try {
    const settings = resolveSettings(pending.input.raw, cli);
    globals = globalsOf(settings, pending.input.raw);
    if (pending.spec.destructive && !globals.dryRun) await confirm(pending, cli, globals);
    const active = createSession(cli, globals, { dataDirOrigin: dataDirOrigin(settings, cli.env) });
    session = active;
    await warnAboutSecrets(pending, cli, active);
    const module = await pending.spec.load();
    let result = await interruptible(module.run(pending.input, active), cli.signal, active);
    if (globals.dryRun) result = dryRunResult(active.recorded, result);
    if (!(globals.json && active.emitted)) await print(result, cli, globals);
    reportWarnings(cli, globals, active);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof PartialFailureError && globals && !(globals.json && session?.emitted)) {
      await print(error.result as CommandResult, cli, globals);
    }
    const json = globals?.json ?? pending.input.raw.json === true;
    return reportError(error, cli, json, globals, session?.ui.warnings());
  } finally {
    await session?.close().catch(() => undefined);
  }
}

/**
 * Once per run: a secret given as a flag (shell history, process list), and profile or credential
 * files that other users can read.
 */
async function warnAboutSecrets(pending: PendingCommand, cli: CliContext, session: Session): Promise<void> {
  if (pending.secretFlags.length > 0) cli.hideArguments?.();
  for (const { flag, instead } of pending.secretFlags) {
    session.ui.warn(`${flag} puts a secret in your shell history and the process list; prefer ${instead}`);
  }
  const credential =
    session.globals.backend === 'tencent' &&
    !(cli.env.TENCENTCLOUD_SECRET_ID && cli.env.TENCENTCLOUD_SECRET_KEY)
      ? credentialFilePath(cli.env, session.globals.profile ?? 'default')
      : undefined;
  for (const path of [configFilePath(cli.env), credential]) {
    const warning = path ? exposedFileWarning(path) : undefined;
    if (warning) session.ui.warn(warning);
  }
}

/** How long a command may take to stop on its own after Ctrl-C (bin.ts gives up at 2 s). */
const STOP_GRACE_MS = 1000;

/**
 * Settles with the command, or rejects with InterruptedError once Ctrl-C is pressed. The command
 * gets a moment to stop: one that reports what it finished first (a PartialFailureError, like an
 * import's counts so far) is reported as that; anything else is an interruption. A command that made
 * Ctrl-C its normal end (`serve`, see `Session.untilInterrupted`) is left to clean up and finish.
 */
function interruptible<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  session: Pick<Session, 'stopsOnInterrupt'>,
): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new InterruptedError());
  return new Promise<T>((resolve, reject) => {
    let grace: ReturnType<typeof setTimeout> | undefined;
    const interrupted = () => reject(new InterruptedError());
    const stopping = () => signal.aborted && !session.stopsOnInterrupt;
    const onAbort = () => {
      if (!session.stopsOnInterrupt) grace = setTimeout(interrupted, STOP_GRACE_MS);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work
      .then(
        (value) => (stopping() ? interrupted() : resolve(value)),
        (error) => (stopping() && !(error instanceof PartialFailureError) ? interrupted() : reject(error)),
      )
      .finally(() => {
        clearTimeout(grace);
        signal.removeEventListener('abort', onAbort);
      });
  });
}

function dryRunResult(
  recorded: readonly { action: string; payload: Readonly<Record<string, unknown>> }[],
  result: CommandResult,
): CommandResult {
  if (recorded.length === 0) return result;
  const text = recorded.map((r) => `${r.action}\n${JSON.stringify(r.payload, null, 2)}`).join('\n\n');
  return {
    kind: 'text',
    text: `# dry run: nothing was sent\n${text}`,
    json: { dryRun: true, requests: recorded },
  };
}

async function print(result: CommandResult, cli: CliContext, globals: GlobalOptions): Promise<void> {
  await render(result, {
    write: (text) => cli.stdout.write(text),
    note: (line) => {
      if (!globals.json) cli.stderr.write(`${line}\n`);
    },
    json: globals.json,
    color: colorEnabled(globals.color, globals.json, cli.env, cli.stdout),
    width: cli.stdout.columns,
  });
}

async function confirm(pending: PendingCommand, cli: CliContext, globals: GlobalOptions): Promise<void> {
  if (globals.yes) return;
  const what = [pending.path, ...pending.input.args].join(' ');
  if (cli.stdin.isTTY !== true) {
    throw new UsageError(`"${what}" is destructive: pass --yes (stdin is not a terminal, so I cannot ask)`);
  }
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: cli.stdin, output: cli.stderr });
  try {
    const answer = await rl.question(`Really ${what}? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new UsageError('cancelled');
  } finally {
    rl.close();
  }
}

/**
 * Under --json, the warnings the command gave (a readable credential file, a template variable
 * without a value) as stderr's one JSON document, `{"warnings":[…]}`; people saw them as they came.
 */
function reportWarnings(cli: CliContext, globals: GlobalOptions, session: Session): void {
  const warnings = session.ui.warnings();
  if (globals.json && warnings.length > 0) cli.stderr.write(`${JSON.stringify({ warnings })}\n`);
}

function reportError(
  error: unknown,
  cli: CliContext,
  json: boolean,
  globals?: GlobalOptions,
  warnings: readonly string[] = [],
): number {
  const code = exitCodeFor(error);
  if (json) {
    const document = errorDocument(error);
    cli.stderr.write(`${JSON.stringify(warnings.length > 0 ? { ...document, warnings } : document)}\n`);
    return code;
  }
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof CommanderExit ? ' (see --help)' : '';
  // One line, and no raw control characters: a hostile value quoted in a message could otherwise
  // move the cursor or retitle the terminal.
  cli.stderr.write(`error: ${printable(message.split('\n')[0] ?? '')}${hint}\n`);
  if (!isKnownError(error)) {
    // An unexpected exception is a bug in ses-cli: say so, with what a report needs.
    cli.stderr.write(
      `This looks like a bug in ses-cli ${VERSION} (node ${process.version}). Please report it with the command you ran.\n`,
    );
    if (globals?.debug && error instanceof Error && error.stack) cli.stderr.write(`${error.stack}\n`);
  }
  return code;
}
