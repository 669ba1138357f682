import type { CliContext, GlobalOptions } from '../context.js';
import { colorEnabled } from '../context.js';

/** A running spinner (ora on a TTY; nothing otherwise). */
export interface Spinner {
  text(text: string): void;
  succeed(text?: string): void;
  fail(text?: string): void;
  stop(): void;
}

/** A progress bar over a known total (redrawn on a TTY; a few plain lines otherwise). */
export interface Progress {
  update(done: number, note?: string): void;
  done(note?: string): void;
}

/**
 * Human output on stderr: banners, notes, warnings, spinners and progress. Silent under `--json`:
 * there warnings are kept instead, and the runner puts them in its one stderr JSON document (or,
 * after {@link Ui.streamWarnings}, each is written at once as its own JSON line).
 */
export interface Ui {
  /** stderr is a terminal and output is for people: spinners and redrawn progress are allowed. */
  readonly interactive: boolean;
  readonly color: boolean;
  banner(line: string): void;
  info(line: string): void;
  warn(line: string): void;
  debug(line: string): void;
  /** Under `--json`, the warnings held back so far (the newest {@link MAX_KEPT_WARNINGS}); else empty. */
  warnings(): readonly string[];
  /**
   * For a long-running command (`serve`): under `--json`, writes the warnings held so far and from
   * now on each warning as it comes, one JSON line each on stderr (`{"warning":"…"}`), so nothing
   * waits for the end of the run (or is lost when it is killed). Nothing changes for people.
   */
  streamWarnings(): void;
  spinner(text: string): Spinner;
  progress(label: string, total: number): Progress;
  /** Stops whatever is still drawing (on exit or error). */
  stop(): void;
}

const SPINNER_DELAY_MS = 300;
/** Warnings kept under `--json`: a long `serve` must not grow without bound. */
export const MAX_KEPT_WARNINGS = 100;
const BAR_WIDTH = 28;

/** Builds the stderr UI for a run. */
export function createUi(cli: CliContext, globals: GlobalOptions): Ui {
  const human = !globals.json;
  const interactive = human && cli.stderr.isTTY === true;
  const color = colorEnabled(globals.color, globals.json, cli.env, cli.stderr);
  const write = (line: string) => cli.stderr.write(`${line}\n`);
  const dim = (text: string) => (color ? `\u001b[2m${text}\u001b[22m` : text);
  const yellow = (text: string) => (color ? `\u001b[33m${text}\u001b[39m` : text);
  const stoppers = new Set<() => void>();
  const kept: string[] = [];
  let streaming = false;
  const writeWarning = (line: string) => write(JSON.stringify({ warning: line }));

  return {
    interactive,
    color,
    banner: (line) => human && write(dim(`ses-cli → ${line}`)),
    info: (line) => human && write(line),
    warn: (line) => {
      if (human) write(yellow(`warning: ${line}`));
      else if (streaming) writeWarning(line);
      else if (kept.push(line) > MAX_KEPT_WARNINGS) kept.shift();
    },
    warnings: () => [...kept],
    streamWarnings() {
      if (human || streaming) return;
      streaming = true;
      for (const line of kept.splice(0)) writeWarning(line);
    },
    debug: (line) => globals.debug && write(dim(`[debug] ${line}`)),
    spinner(text) {
      // Not a terminal: the final line only, like `info` (nothing at all under --json).
      if (!interactive) {
        const say = (t?: string) => (t && human ? write(t) : undefined);
        return { text() {}, succeed: say, fail: say, stop() {} };
      }
      const spinner = createOraSpinner(cli, text, color);
      stoppers.add(spinner.stop);
      return spinner;
    },
    progress(label, total) {
      let lastLogged = -1;
      const draw = (done: number, note = '') => {
        const ratio = total > 0 ? Math.min(1, done / total) : 1;
        if (interactive) {
          const filled = Math.round(ratio * BAR_WIDTH);
          const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
          cli.stderr.write(
            `\r${label} ${bar} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${note}\u001b[K`,
          );
        } else if (human) {
          // Non-TTY (CI logs): one line per quarter instead of a redrawn bar.
          const quarter = Math.floor(ratio * 4);
          if (quarter > lastLogged) {
            lastLogged = quarter;
            write(`${label} ${Math.round(ratio * 100)}% (${done}/${total}) ${note}`.trimEnd());
          }
        }
      };
      return {
        update: draw,
        done(note) {
          if (interactive) cli.stderr.write(`\r\u001b[K`);
          if (note && human) write(note);
        },
      };
    },
    stop() {
      for (const stop of stoppers) stop();
      stoppers.clear();
    },
  };
}

/** ora, loaded lazily and shown only after a short delay so fast calls do not flicker. */
function createOraSpinner(cli: CliContext, initial: string, color: boolean): Spinner {
  let text = initial;
  let ora: { text: string; stop(): void; succeed(t?: string): void; fail(t?: string): void } | undefined;
  let finished = false;
  const timer = setTimeout(async () => {
    const { default: createOra } = await import('ora');
    if (finished) return;
    ora = createOra({ text, stream: cli.stderr, color: color ? 'cyan' : false, isEnabled: true }).start();
  }, SPINNER_DELAY_MS);
  timer.unref?.();
  const end = (how: 'succeed' | 'fail' | 'stop', final?: string) => {
    finished = true;
    clearTimeout(timer);
    if (ora) {
      if (how === 'stop') ora.stop();
      else ora[how](final);
    } else if (final) cli.stderr.write(`${final}\n`);
  };
  return {
    text(next) {
      text = next;
      if (ora) ora.text = next;
    },
    succeed: (final) => end('succeed', final),
    fail: (final) => end('fail', final),
    stop: () => end('stop'),
  };
}
