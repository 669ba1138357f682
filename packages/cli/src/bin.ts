import { fastHelp } from './fast-help.js';
import { PRERENDERED_HELP } from './help-text.js';

// The only place that exits the process: the runner returns a code, this file applies it.
const controller = new AbortController();
let interrupted = false;
// SIGTERM (docker stop, systemd, kill) is handled like Ctrl-C: `serve` stops cleanly with 0, any
// other command is interrupted with 130. A second signal ends the process at once, by the signal's
// default action: process.exit() would wait for a thread-pool job stuck in a system call.
const interrupt = (signal: NodeJS.Signals) => {
  if (interrupted) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  interrupted = true;
  controller.abort();
  // The runner rejects at once and cleans up; if something still holds the loop, do not hang.
  setTimeout(() => process.exit(130), 2000).unref();
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

const argv = process.argv.slice(2);
// `ses-cli --help` (or no arguments) prints the help commander rendered at build time when it is
// exactly what commander would print on this stream, without loading commander; all else parses.
const help = fastHelp(argv, PRERENDERED_HELP, { stdout: process.stdout, stderr: process.stderr });
if (help) process[help.to].write(help.text);
const code = help
  ? help.code
  : await (await import('./run.js')).runCli(argv, {
      stdout: process.stdout,
      stderr: process.stderr,
      // Created on first use: most commands never read stdin.
      get stdin() {
        return process.stdin;
      },
      env: process.env,
      cwd: process.cwd(),
      signal: controller.signal,
      // On Linux this overwrites the argv area that `ps` and /proc/<pid>/cmdline show.
      hideArguments: () => {
        process.title = 'ses-cli';
      },
    });
process.exitCode = code;
// Flush stdout before leaving: a pipe may still hold the JSON document.
process.stdout.write('', () => process.exit(code));
