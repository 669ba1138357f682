/**
 * `ses-cli --help` rendered by commander at build time (tsup.config.ts, plugin `prerendered-help`),
 * for the two layouts that do not depend on the exact width: 80 columns (commander's width for a
 * pipe or a file) and "wide enough that nothing wraps".
 */
export interface PrerenderedHelp {
  /** The text at 80 columns. */
  readonly narrow: string;
  /** The text when no line needs wrapping. */
  readonly wide: string;
  /** The narrowest width at which commander prints `wide`. */
  readonly wideFrom: number;
}

/** Where help is written: commander wraps to `columns` on a terminal and to 80 columns otherwise. */
export interface HelpStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * The prerendered help when it is exactly what commander would print on `stream`, else undefined
 * (then commander renders it). Commander adds no colour of its own and our help text has none, so
 * the colour settings do not change it; only the width does.
 */
export function prerenderedHelpFor(
  help: PrerenderedHelp | undefined,
  stream: HelpStream,
): string | undefined {
  if (!help) return undefined;
  const width = (stream.isTTY ? stream.columns : undefined) ?? 80;
  if (width === 80) return help.narrow;
  return width >= help.wideFrom ? help.wide : undefined;
}

/**
 * The help to print without loading commander: for `--help`/`-h` alone (stdout, exit 0) and for no
 * arguments at all (commander prints the same text on stderr; exit 2, a usage error).
 */
export function fastHelp(
  argv: readonly string[],
  help: PrerenderedHelp | undefined,
  streams: { readonly stdout: HelpStream; readonly stderr: HelpStream },
): { readonly text: string; readonly to: 'stdout' | 'stderr'; readonly code: number } | undefined {
  if (argv.length === 0) {
    const text = prerenderedHelpFor(help, streams.stderr);
    return text === undefined ? undefined : { text, to: 'stderr', code: 2 };
  }
  if (argv.length !== 1 || (argv[0] !== '--help' && argv[0] !== '-h')) return undefined;
  const text = prerenderedHelpFor(help, streams.stdout);
  return text === undefined ? undefined : { text, to: 'stdout', code: 0 };
}
