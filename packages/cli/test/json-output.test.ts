import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createUi } from '../src/output/ui.js';
import { runCli } from '../src/run.js';
import { VERSION } from '../src/version.js';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** stderr under --json: empty, or exactly one JSON document. */
function oneDocument(stderr: string): Record<string, unknown> {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  return JSON.parse(stderr) as Record<string, unknown>;
}

describe('--json without a command', () => {
  it('names the program in the usage error', async () => {
    const result = await runInProcess(['--json'], tmp.dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const doc = oneDocument(result.stderr) as { error: { type: string; message: string } };
    expect(doc.error).toMatchObject({ type: 'UsageError', message: 'give a command (see ses-cli --help)' });
  });

  it('--version is a JSON document; plain --version stays plain', async () => {
    for (const argv of [
      ['--json', '--version'],
      ['--version', '--json'],
      ['-V', '--json'],
    ]) {
      const result = await runInProcess(argv, tmp.dir);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ version: VERSION });
      expect(result.stderr).toBe('');
    }
    expect((await runInProcess(['--version'], tmp.dir)).stdout).toBe(`${VERSION}\n`);
  });

  it('a noun without a verb still names the noun', async () => {
    const result = await runInProcess(['templates', '--json'], tmp.dir);
    expect(result.code).toBe(2);
    expect(oneDocument(result.stderr)).toMatchObject({
      error: { message: 'templates: give a command (see ses-cli templates --help)' },
    });
  });

  it('names the noun commander resolved, never the values of options before or after it', async () => {
    const cases: [string[], string][] = [
      [['--backend', 'local', '--data-dir', 'afile/sub', '--json', 'local', 'clock'], 'local clock'],
      [['--profile', 'p', 'groups', '--json'], 'groups'],
      [['--region=ap-hongkong', 'local', '--json', '--data-dir', 'x'], 'local'],
      [['--data-dir', 'templates', '--json'], ''],
    ];
    for (const [argv, noun] of cases) {
      const result = await runInProcess(argv, tmp.dir);
      expect(result.code, argv.join(' ')).toBe(2);
      const message = noun
        ? `${noun}: give a command (see ses-cli ${noun} --help)`
        : 'give a command (see ses-cli --help)';
      expect(oneDocument(result.stderr)).toMatchObject({ error: { type: 'UsageError', message } });
    }
  });
});

describe('warnings under --json', () => {
  const dir = join(tmp.dir, 'exposed');
  const config = join(dir, 'config', 'ses-cli', 'config.json');
  mkdirSync(join(dir, 'config', 'ses-cli'), { recursive: true });
  writeFileSync(config, '{"profiles":{}}\n');
  chmodSync(config, 0o644);
  const exposed = `${config} is accessible by other users (mode 644); run: chmod 600 ${config}`;

  it('go into the one error document on stderr', async () => {
    const result = await runInProcess(['local', 'clock', 'advance', '367d', '--json'], dir);
    expect(result.code).toBe(2);
    const doc = oneDocument(result.stderr) as { error: { type: string }; warnings: string[] };
    expect(doc.error.type).toBe('UsageError');
    expect(doc.warnings).toEqual([exposed]);
  });

  it('are one {"warnings"} document on stderr after a success; stdout keeps its shape', async () => {
    const result = await runInProcess(['local', 'clock', 'show', '--json'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(Object.keys(JSON.parse(result.stdout))).toEqual(['now']);
    expect(oneDocument(result.stderr)).toEqual({ warnings: [exposed] });
  });

  it('are text lines for people, as before', async () => {
    const result = await runInProcess(['local', 'clock', 'show'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`warning: ${exposed}`);
  });

  it('templates render --json: "no value for {{name}}" joins the warnings document', async () => {
    const folder = join(tmp.dir, 'tpl', 'welcome');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'template.json'), '{"name":"welcome"}\n');
    writeFileSync(join(folder, 'index.txt'), 'Hi {{name}} {{code}}\n');
    const result = await runInProcess(
      ['templates', 'render', folder, '--data', 'name=Ana', '--json'],
      tmp.dir,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ missing: ['code'] });
    expect(oneDocument(result.stderr)).toEqual({ warnings: ['no value for {{code}}'] });
  });

  it('leave stderr empty when there are none', async () => {
    const result = await runInProcess(['local', 'clock', 'show', '--json'], tmp.dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});

describe('warnings of a long-running command under --json', () => {
  it('are written as they come, one JSON line each, once the command streams them', () => {
    const err = new PassThrough();
    let stderr = '';
    err.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const stdin = new PassThrough();
    const globals = {
      backend: 'local',
      region: undefined,
      profile: undefined,
      endpoint: undefined,
      dataDir: tmp.dir,
      json: true,
      color: false,
      debug: false,
      yes: false,
      dryRun: false,
    } as const;
    const ui = createUi({ stdout: new PassThrough(), stderr: err, stdin, env: {}, cwd: tmp.dir }, globals);
    ui.warn('before');
    expect(stderr).toBe('');
    ui.streamWarnings();
    expect(stderr).toBe('{"warning":"before"}\n');
    // A webhook failing while serve runs: on stderr at once, nothing kept for the end of the run.
    ui.warn('webhook http://127.0.0.1:9/hook failed after 5 attempts');
    expect(stderr).toBe(
      '{"warning":"before"}\n{"warning":"webhook http://127.0.0.1:9/hook failed after 5 attempts"}\n',
    );
    expect(ui.warnings()).toEqual([]);
  });
});

/** Runs `serve` in-process, presses Ctrl-C once `ready` shows in its output, and returns what it printed. */
async function serveUntil(
  argv: string[],
  ready: (out: string, err: string) => boolean,
  extraEnv: NodeJS.ProcessEnv = {},
) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  const controller = new AbortController();
  const check = () => {
    if (ready(stdout, stderr)) controller.abort();
  };
  out.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    check();
  });
  err.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    check();
  });
  const stdin = new PassThrough();
  stdin.end();
  const env = {
    HOME: tmp.dir,
    SES_CLI_DATA_DIR: join(tmp.dir, 'data'),
    XDG_CONFIG_HOME: join(tmp.dir, 'config'),
    ...extraEnv,
  };
  const code = await runCli(['serve', '--port', '0', ...argv], {
    stdout: out,
    stderr: err,
    stdin,
    env,
    cwd: tmp.dir,
    signal: controller.signal,
  });
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout, stderr };
}

describe('serve and Ctrl-C', () => {
  it('--json prints its start document at once, then stops with exit 0 and nothing more', async () => {
    const result = await serveUntil(['--json'], (out) => out.endsWith('\n'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      secretId: 'AKIDLOCALSESEMULATOR000000000000',
      secretKey: 'localsesemulatorsecretkey0000000',
    });
    expect(result.stderr).toBe('');
  });

  it('--json writes each warning at once as its own JSON line on stderr, not one document at the end', async () => {
    // A config file other users can read: warned about before the emulator even starts.
    const config = join(tmp.dir, 'readable-config.json');
    writeFileSync(config, '{}\n');
    chmodSync(config, 0o644);
    let stderrWhenListening: string | undefined;
    const result = await serveUntil(
      ['--json'],
      (out, err) => {
        if (!out.endsWith('\n')) return false;
        stderrWhenListening = err;
        return true;
      },
      { SES_CLI_CONFIG: config },
    );
    expect(result.code, result.stderr).toBe(0);
    // Already there while serve runs (a kill would not lose it) ...
    const lines = (stderrWhenListening ?? '').trim().split('\n').filter(Boolean);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { warning: expect.stringContaining(`${config} is accessible by other users`) },
    ]);
    // ... and not repeated as a {"warnings":[…]} document when it stops.
    expect(result.stderr).toBe(stderrWhenListening);
  });

  it('--allowed-host takes a Docker Compose service name (with "_"), refuses what is no host name', async () => {
    const compose = await serveUntil(
      ['--json', '--allowed-host', 'ses_emu', '--allowed-host', 'db_1.internal'],
      (out) => out.endsWith('\n'),
    );
    expect(compose.code, compose.stderr).toBe(0);
    for (const bad of ['-lead', 'trail-', 'a b', 'a..b', 'x/y']) {
      const refused = await runInProcess(['serve', '--port', '0', '--allowed-host', bad], tmp.dir);
      expect(refused.code, bad).toBe(2);
      expect(refused.stderr).toContain(`--allowed-host: "${bad}" is not a host name`);
    }
  });

  it('prints "emulator stopped" for people, exit 0', async () => {
    const result = await serveUntil([], (_out, err) => err.includes('Ctrl-C stops'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('emulator stopped\n');
    expect(result.stderr).not.toContain('error');
  });
});
