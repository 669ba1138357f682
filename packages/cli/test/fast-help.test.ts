import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fastHelp, prerenderedHelpFor } from '../src/fast-help.js';
import { commanderHelp, prerenderHelp } from '../src/prerender-help.js';
import { BIN, ensureBuilt } from './built.js';

const help = prerenderHelp();

describe('prerendered top-level help (printed without loading commander)', () => {
  it('is exactly what commander prints at every width it is used for, and defers to commander otherwise', () => {
    expect(help.narrow).toBe(commanderHelp(80));
    expect(help.narrow).not.toBe(help.wide);
    let used = 0;
    for (let width = 20; width <= 420; width += 1) {
      const text = prerenderedHelpFor(help, { isTTY: true, columns: width });
      if (text === undefined) continue;
      used += 1;
      expect(text, `width ${width}`).toBe(commanderHelp(width));
    }
    expect(used).toBeGreaterThan(200);
    expect(prerenderedHelpFor(help, { isTTY: true, columns: 79 })).toBeUndefined();
    expect(prerenderedHelpFor(help, { isTTY: false, columns: 120 })).toBe(commanderHelp(80));
    expect(prerenderedHelpFor(help, { isTTY: true })).toBe(commanderHelp(80));
    expect(prerenderedHelpFor(undefined, {})).toBeUndefined();
  });

  it('applies to --help, -h and no arguments only', () => {
    const streams = { stdout: {}, stderr: {} };
    expect(fastHelp(['--help'], help, streams)).toEqual({ text: help.narrow, to: 'stdout', code: 0 });
    expect(fastHelp(['-h'], help, streams)).toEqual({ text: help.narrow, to: 'stdout', code: 0 });
    expect(fastHelp([], help, streams)).toEqual({ text: help.narrow, to: 'stderr', code: 2 });
    for (const argv of [['templates', '--help'], ['--help', '--json'], ['--version'], ['help']]) {
      expect(fastHelp(argv, help, streams)).toBeUndefined();
    }
    expect(fastHelp(['--help'], undefined, streams)).toBeUndefined();
  });
});

describe('the built binary', () => {
  beforeAll(() => ensureBuilt(), 600_000);
  const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  /** The binary on a pseudo-terminal of `columns` columns (util-linux `script`); CR LF → LF. */
  const runTty = (columns: number, args: string[]) =>
    spawnSync(
      'script',
      ['-qec', `stty cols ${columns}; ${[process.execPath, BIN, ...args].join(' ')}`, '/dev/null'],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    ).stdout.replaceAll('\r\n', '\n');

  it('prints commander’s help for --help, -h and no arguments on a pipe', () => {
    for (const flag of ['--help', '-h']) {
      const result = run([flag]);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(commanderHelp(80));
      expect(result.stderr).toBe('');
    }
    const bare = run([]);
    expect(bare.status).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toBe(commanderHelp(80));
  });

  it('prints commander’s help at the terminal width, prerendered or not', () => {
    for (const columns of [60, 80, 100, help.wideFrom - 1, help.wideFrom, 240]) {
      expect(runTty(columns, ['--help']), `${columns} columns`).toBe(commanderHelp(columns));
    }
  });

  it('embeds the layout rendered from these sources', () => {
    expect(readFileSync(BIN, 'utf8')).toContain(`wideFrom:${help.wideFrom}`);
  });
});
