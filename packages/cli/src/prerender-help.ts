import { PassThrough } from 'node:stream';
import type { CliContext } from './context.js';
import type { PrerenderedHelp } from './fast-help.js';
import { createProgram } from './program.js';

/** Widest layout checked; the help has no line near this long. */
const WIDEST = 400;

/** What commander prints for `ses-cli --help` when it wraps to `width` columns. */
export function commanderHelp(width: number): string {
  const quiet = new PassThrough();
  const context: CliContext = { stdout: quiet, stderr: quiet, stdin: quiet, env: {}, cwd: '/' };
  return createProgram(context, {})
    .configureOutput({ getOutHelpWidth: () => width, getOutHasColors: () => false })
    .helpInformation();
}

/** Renders the top-level help for {@link PrerenderedHelp}; run by the build (tsup.config.ts). */
export function prerenderHelp(): PrerenderedHelp {
  const wide = commanderHelp(WIDEST);
  let wideFrom = WIDEST;
  while (wideFrom > 81 && commanderHelp(wideFrom - 1) === wide) wideFrom -= 1;
  return { narrow: commanderHelp(80), wide, wideFrom };
}
