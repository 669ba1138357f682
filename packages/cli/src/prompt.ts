import { InterruptedError, UsageError } from './errors.js';
import type { Session } from './session.js';

/**
 * Questions on a terminal: answers are read from stdin one line at a time, sharing one buffer so a
 * fast typist (or a pasted block) never loses the next answer. Prompts go to stderr; hidden answers
 * put the terminal in raw mode so nothing is echoed.
 */
export class Prompter {
  #buffer = '';
  #waiting: (() => void) | undefined;
  #ended = false;
  readonly #stdin: NodeJS.ReadStream;
  readonly #onData = (chunk: Buffer | string) => {
    this.#buffer += chunk.toString();
    this.#waiting?.();
  };
  readonly #onEnd = () => {
    this.#ended = true;
    this.#waiting?.();
  };

  constructor(private readonly session: Session) {
    this.#stdin = session.cli.stdin as NodeJS.ReadStream;
  }

  /** Asks a question; the terminal echoes the answer. An empty answer gives `fallback`. */
  ask(question: string, fallback = ''): Promise<string> {
    const hint = fallback ? ` [${fallback}]` : '';
    return this.#read(`${question}${hint}: `, false).then((answer) => answer.trim() || fallback);
  }

  /** Asks for a secret: nothing is echoed. */
  askHidden(question: string): Promise<string> {
    return this.#read(`${question}: `, true);
  }

  async #read(prompt: string, hidden: boolean): Promise<string> {
    this.session.cli.stderr.write(prompt);
    if (hidden) this.#stdin.setRawMode?.(true);
    this.#stdin.on('data', this.#onData);
    this.#stdin.once('end', this.#onEnd);
    this.#stdin.resume();
    try {
      for (;;) {
        const newline = this.#buffer.search(/[\r\n\u0003]/);
        if (newline >= 0) {
          const line = this.#buffer.slice(0, newline);
          const stop = this.#buffer[newline];
          this.#buffer = this.#buffer.slice(newline + 1);
          // A terminal in raw mode sends \r; a pasted \r\n is one line end, not two.
          if (stop === '\r' && this.#buffer.startsWith('\n')) this.#buffer = this.#buffer.slice(1);
          // Ctrl-C in raw mode arrives as a character, not SIGINT: the same interruption (exit 130).
          if (stop === '\u0003') throw new InterruptedError();
          // Raw mode delivers the backspace key as DEL: apply it, as a cooked terminal would.
          return hidden ? applyBackspaces(line) : line;
        }
        if (this.#ended) throw new UsageError('no answer: stdin ended');
        await new Promise<void>((resolve) => {
          this.#waiting = resolve;
        });
        this.#waiting = undefined;
      }
    } finally {
      this.#stdin.off('data', this.#onData);
      this.#stdin.off('end', this.#onEnd);
      if (hidden) {
        this.#stdin.setRawMode?.(false);
        this.session.cli.stderr.write('\n');
      }
      this.#stdin.pause();
    }
  }
}

function applyBackspaces(text: string): string {
  let value = '';
  for (const char of text) value = char === '\u007f' ? value.slice(0, -1) : value + char;
  return value;
}
