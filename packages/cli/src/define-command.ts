import type { Session } from './session.js';

/** One flag of a command, registered with commander. */
export interface OptionSpec {
  /** Commander syntax: `--to <address>`, `--watch`, `-n, --limit <n>`. */
  readonly flags: string;
  readonly description: string;
  /** May be given several times; the values are collected into an array. */
  readonly repeatable?: boolean;
  readonly default?: string | boolean;
  readonly choices?: readonly string[];
  /**
   * The value is a secret (key, password). Accepted for scripts, but the runner warns once: a
   * flag's value stays in shell history and is visible to other users in the process list.
   */
  readonly secret?: { readonly instead: string };
}

/** A leaf command: metadata for the parser and help, and a lazily loaded implementation. */
export interface CommandSpec {
  readonly kind?: 'command';
  readonly name: string;
  readonly description: string;
  /** Positional arguments in commander syntax: `<id>`, `[dir]`. */
  readonly args?: readonly string[];
  readonly options?: readonly OptionSpec[];
  /** Changes state: gets `--dry-run`, which validates and prints the wire requests instead. */
  readonly write?: boolean;
  /** Deletes or overwrites: asks on a TTY, requires `--yes` otherwise. */
  readonly destructive?: boolean;
  readonly hidden?: boolean;
  /** The implementation; imported only when the command runs so `--help` stays fast. */
  readonly load: () => Promise<CommandModule>;
}

/** A noun grouping verbs (`templates list`, `local clock advance`). */
export interface GroupSpec {
  readonly kind: 'group';
  readonly name: string;
  readonly description: string;
  readonly commands: readonly (CommandSpec | GroupSpec)[];
}

/** Parsed input handed to a command: positionals in order and the command's own options. */
export interface CommandInput {
  /** The command path, e.g. `templates list`; lets one module serve several verbs. */
  readonly command: string;
  readonly args: readonly string[];
  readonly opts: Readonly<Record<string, unknown>>;
  /** The command's options merged with the global flags exactly as typed (no defaults applied). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** What every command module exports. `run` returns data; it never prints data nor exits. */
export interface CommandModule {
  run(input: CommandInput, session: Session): Promise<CommandResult>;
}

/** A column of a table result. */
export interface Column {
  readonly key: string;
  readonly header: string;
  readonly format?: (value: unknown, row: Readonly<Record<string, unknown>>) => string;
  readonly align?: 'left' | 'right';
}

/**
 * A command's result; one renderer turns it into a table, key/value lines, text or (with `--json`)
 * exactly one JSON document: `json` when given, else the rows / value.
 */
export type CommandResult =
  | {
      readonly kind: 'table';
      readonly rows: readonly Readonly<Record<string, unknown>>[];
      readonly columns: readonly Column[];
      readonly json?: unknown;
      readonly footer?: string;
      readonly empty?: string;
    }
  | { readonly kind: 'object'; readonly value: Readonly<Record<string, unknown>>; readonly json?: unknown }
  | { readonly kind: 'text'; readonly text: string; readonly json?: unknown }
  | { readonly kind: 'sections'; readonly sections: readonly CommandResult[]; readonly json: unknown }
  | { readonly kind: 'message'; readonly message: string; readonly json?: unknown };

/** A parsed command waiting to run, as recorded by the parser. */
export interface PendingCommand {
  readonly spec: CommandSpec;
  readonly path: string;
  readonly input: CommandInput;
  /** Secret-bearing flags that were given on the command line (see {@link OptionSpec.secret}). */
  readonly secretFlags: readonly { readonly flag: string; readonly instead: string }[];
}

/** Declares a leaf command (identity; keeps literal types and reads well at the call site). */
export function defineCommand(spec: Omit<CommandSpec, 'kind'>): CommandSpec {
  return { kind: 'command', ...spec };
}

/** Declares a noun with its verbs. */
export function defineGroup(name: string, description: string, commands: GroupSpec['commands']): GroupSpec {
  return { kind: 'group', name, description, commands };
}
