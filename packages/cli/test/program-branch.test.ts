import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commandTree } from '../src/commands/index.js';
import type { CliContext } from '../src/context.js';
import { createProgram, type ParseState } from '../src/program.js';

/** Parses `argv` with the full tree or with the branch of its first word; what commander did. */
async function parse(argv: string[], branch: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const ctx: CliContext = { stdout, stderr, stdin: new PassThrough(), env: {}, cwd: '/' };
  const state: ParseState = {};
  let thrown: unknown;
  try {
    await createProgram(ctx, state, branch ? argv : undefined).parseAsync(argv, { from: 'user' });
  } catch (error) {
    const { code, exitCode, message } = error as { code?: string; exitCode?: number; message?: string };
    thrown = { code, exitCode, message };
  }
  await new Promise((resolve) => setImmediate(resolve));
  const pending = state.pending && { path: state.pending.path, input: state.pending.input };
  return { stdout: out.join(''), stderr: err.join(''), thrown, pending };
}

/** Command lines starting with every top-level name: help, bad verbs and flags, a valid call. */
function commandLines(): string[][] {
  const lines: string[][] = [];
  for (const node of commandTree) {
    lines.push([node.name], [node.name, '--help'], [node.name, '--no-such-flag'], [node.name, '--version']);
    if (node.kind !== 'group') continue;
    lines.push([node.name, 'no-such-verb'], [node.name, 'help']);
    for (const child of node.commands) {
      lines.push(
        [node.name, child.name, '--help'],
        [node.name, child.name, '--no-such-flag'],
        [node.name, child.name, '--backend', 'local', '--json'],
        [node.name, child.name, 'a', 'b', 'c', 'd'],
      );
    }
  }
  return lines;
}

describe('building only the branch of the first word', () => {
  it('parses every command line exactly as the full tree does', async () => {
    const lines = commandLines();
    expect(lines.length).toBeGreaterThan(200);
    for (const argv of lines) {
      expect(await parse(argv, true), argv.join(' ')).toEqual(await parse(argv, false));
    }
  });

  it('builds the full tree when the line does not start with a command name', async () => {
    for (const argv of [[], ['--json', 'templates', 'list'], ['help', 'templates'], ['templatez']]) {
      expect(await parse(argv, true), argv.join(' ')).toEqual(await parse(argv, false));
    }
    const unknown = await parse(['templatez'], true);
    expect(unknown.thrown).toMatchObject({ message: expect.stringContaining('(Did you mean templates?)') });
  });
});
