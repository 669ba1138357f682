import { Command, CommanderError, Option } from 'commander';
import { commandTree } from './commands/index.js';
import type { CliContext } from './context.js';
import type { CommandSpec, GroupSpec, OptionSpec, PendingCommand } from './define-command.js';
import { CommanderExit } from './errors.js';
import { VERSION } from './version.js';

/** Receives the command the parser matched; the runner executes it after parsing. */
export interface ParseState {
  pending?: PendingCommand;
  /**
   * The command path commander showed help for (`local clock` for a noun given without its verb),
   * as it resolved it: option values (`--data-dir x`) are never part of it.
   */
  helpFor?: string;
}

/**
 * Builds the commander tree: global flags, every noun and verb from the command table, help text.
 * Nothing heavy is imported here: command implementations load inside their action.
 *
 * Given the command line, and when it starts with a top-level command's name, only that branch is
 * built: parsing it is the same (sibling commands only matter for the root's help and "unknown
 * command" suggestions, which a line starting with a known name never reaches), and building all
 * ~90 commands was a visible share of every run's start-up (bench/cli.md).
 */
export function createProgram(ctx: CliContext, state: ParseState, argv?: readonly string[]): Command {
  const program = new Command('ses-cli')
    .description('Tencent Cloud SES from the command line: send, batch, templates as code, warm-up, stats')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
      // Errors are printed once, by the runner, in the chosen output mode.
      outputError: () => {},
    })
    .showSuggestionAfterError(true)
    .addOption(
      new Option('--backend <name>', 'where calls go (env SES_BACKEND)').choices(['local', 'tencent']),
    )
    .option('--region <region>', 'Tencent Cloud region (env TENCENTCLOUD_REGION, default ap-guangzhou)')
    .option('--profile <name>', 'profile name (env TENCENTCLOUD_PROFILE, default "default")')
    .option('--endpoint <url>', 'API endpoint host or URL (tencent backend)')
    .option('--data-dir <dir>', 'local backend data directory (env SES_CLI_DATA_DIR)')
    .option('--json', 'print exactly one JSON document on stdout')
    .option('--no-color', 'disable colors (also NO_COLOR)')
    .option('--debug', 'log every wire call to stderr (secrets redacted)')
    .option('-y, --yes', 'do not ask before destructive actions (required when stdin is not a TTY)');
  program.on('beforeAllHelp', ({ command }: { command: Command }) => {
    const names: string[] = [];
    for (let node: Command | null = command; node?.parent; node = node.parent) names.unshift(node.name());
    state.helpFor = names.join(' ');
  });
  const branch = argv === undefined ? undefined : commandTree.find((node) => node.name === argv[0]);
  for (const node of branch ? [branch] : commandTree) addNode(program, node, state, []);
  return program;
}

function addNode(parent: Command, node: CommandSpec | GroupSpec, state: ParseState, path: string[]): void {
  if (node.kind === 'group') {
    const group = parent.command(node.name).description(node.description);
    for (const child of node.commands) addNode(group, child, state, [...path, node.name]);
    return;
  }
  const command = parent
    .command(node.name, node.hidden ? { hidden: true } : {})
    .description(node.description);
  for (const arg of node.args ?? []) command.argument(arg);
  for (const option of node.options ?? []) command.addOption(toOption(option));
  if (node.write) command.option('--dry-run', 'validate and print the wire request without sending');
  command.action((...params: unknown[]) => {
    const self = params[params.length - 1] as Command;
    // A variadic argument (`<emails...>`, always the last) arrives as an array: one arg per value.
    const args = self.processedArgs.flatMap((value: unknown) =>
      value === undefined ? [''] : Array.isArray(value) ? value.map(String) : [String(value)],
    );
    const commandPath = [...path, node.name].join(' ');
    const opts = self.opts();
    state.pending = {
      spec: node,
      path: commandPath,
      input: { command: commandPath, args, opts, raw: self.optsWithGlobals() },
      secretFlags: secretFlagsGiven(node.options ?? [], opts),
    };
  });
}

function secretFlagsGiven(
  options: readonly OptionSpec[],
  opts: Readonly<Record<string, unknown>>,
): { flag: string; instead: string }[] {
  return options.flatMap((spec) => {
    if (!spec.secret) return [];
    const option = new Option(spec.flags);
    return opts[option.attributeName()] === undefined
      ? []
      : [{ flag: option.long ?? spec.flags, instead: spec.secret.instead }];
  });
}

function toOption(spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.choices) option.choices([...spec.choices]);
  if (spec.repeatable) {
    option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  }
  if (spec.default !== undefined) option.default(spec.default);
  return option;
}

/** Turns commander's own exceptions (parse errors, help, version) into our exit intent. */
export function fromCommanderError(error: unknown): unknown {
  if (error instanceof CommanderError) {
    const message = error.message.replace(/^error: /, '');
    return new CommanderExit(message, error.exitCode === 0 ? 0 : 2, error.code);
  }
  return error;
}
