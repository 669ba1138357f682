import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { SesClient } from '@ses-cli/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt } from './built.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();
const ESC = '\u001b[';
const baseEnv = () => {
  const env: NodeJS.ProcessEnv = { ...process.env, SES_CLI_DATA_DIR: join(tmp.dir, 'data'), HOME: tmp.dir };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return env;
};
/** The status of a GET sent with its own Host header (fetch cannot set one). */
const statusWithHost = (url: string, host: string) =>
  new Promise<number | undefined>((resolve, reject) => {
    request(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode);
    })
      .on('error', reject)
      .end();
  });
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { env: { ...baseEnv(), ...env }, encoding: 'utf8' });

/** Runs the binary under a pseudo-terminal (util-linux `script`), so stdout and stderr are TTYs. */
const runTty = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync('script', ['-qec', [process.execPath, BIN, ...args].join(' '), '/dev/null'], {
    env: { ...baseEnv(), ...env },
    encoding: 'utf8',
  });

beforeAll(() => {
  ensureBuilt();
  expect(run(['identities', 'create', 'mail.example.com']).status).toBe(0);
}, 600_000);
afterAll(() => tmp.cleanup());

describe('the built binary', () => {
  it('prints help and version and exits 0', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: ses-cli');
    expect(help.stdout).toContain('templates');
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const noun = run(['templates']);
    expect(noun.status).toBe(2);
    expect(noun.stderr).toContain('Usage: ses-cli templates');
    // Under --json the same mistake is one JSON error, not the help text.
    const jsonNoun = run(['templates', '--json']);
    expect(jsonNoun.status).toBe(2);
    expect(JSON.parse(jsonNoun.stderr)).toMatchObject({ error: { type: 'UsageError' } });
  });

  it('keeps stdout free of color and spinners when it is not a TTY', () => {
    const result = run(['identities', 'list']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('mail.example.com');
    expect(result.stdout).not.toContain(ESC);
    expect(result.stderr).toContain('local backend');
  });

  it('colors table headers on a TTY, and not with NO_COLOR or --no-color', () => {
    const tty = runTty(['identities', 'list']);
    expect(tty.status).toBe(0);
    expect(tty.stdout).toContain(`${ESC}1mDomain`);
    expect(runTty(['identities', 'list'], { NO_COLOR: '1' }).stdout).not.toContain(`${ESC}1m`);
    expect(runTty(['identities', 'list', '--no-color']).stdout).not.toContain(`${ESC}1m`);
  });

  it('prints exactly one JSON document with --json, even on a TTY', () => {
    const result = runTty(['identities', 'list', '--json']);
    expect(result.status).toBe(0);
    const doc = JSON.parse(result.stdout) as { items: { identityName: string }[] };
    expect(doc.items[0]?.identityName).toBe('mail.example.com');
  });

  it('exits 2 with one error line for an unknown flag', () => {
    const result = run(['stats', '--nope']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe("error: unknown option '--nope' (see --help)");
  });

  it('exits 130 on SIGINT while a command waits', async () => {
    // Waits for the SMTP password on a stdin pipe that never ends.
    const child = spawn(process.execPath, [BIN, 'senders', 'smtp-password', 'a@example.com'], {
      env: baseEnv(),
    });
    const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    child.kill('SIGINT');
    expect(await code).toBe(130);
  }, 60_000);

  it('exits 130 on SIGTERM while a command waits, like Ctrl-C', async () => {
    const child = spawn(process.execPath, [BIN, 'senders', 'smtp-password', 'a@example.com'], {
      env: baseEnv(),
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    child.kill('SIGTERM');
    expect(await code).toBe(130);
    expect(stderr).toContain('error: interrupted');
  }, 60_000);

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'serve stops cleanly on %s: the emulator closes, "emulator stopped", exit 0',
    async (signal) => {
      const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env: baseEnv() });
      let stderr = '';
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes('Ctrl-C stops')) resolve();
        });
        child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
      });
      const url = /listening on (http:\/\/[0-9.:]+)/.exec(stderr)?.[1] as string;
      const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      child.kill(signal);
      expect(await code).toBe(0);
      expect(stdout).toBe('emulator stopped\n');
      expect(stderr).not.toContain('error');
      // Closed, not abandoned: the port no longer answers.
      await expect(fetch(url)).rejects.toThrow();
    },
    60_000,
  );

  it('serve --json prints one start document (url, the public local key pair) and nothing else', async () => {
    const args = [
      'serve',
      '--port',
      '0',
      '--json',
      '--allowed-host',
      'devbox.lan',
      '--allowed-host',
      'ses_emu',
    ];
    const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv() });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const started = await new Promise<Record<string, unknown>>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.endsWith('\n')) resolve(JSON.parse(stdout) as Record<string, unknown>);
      });
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    expect(started).toMatchObject({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      secretId: 'AKIDLOCALSESEMULATOR000000000000',
      secretKey: 'localsesemulatorsecretkey0000000',
    });
    const response = await fetch(`${started.url as string}/ui`);
    expect(response.status).toBeLessThan(500);
    // --allowed-host: that name is answered, any other name is refused (DNS-rebinding guard).
    expect(await statusWithHost(`${started.url as string}/_emulator/messages`, 'devbox.lan')).toBe(200);
    // A Docker Compose service name (with `_`) is a host name too.
    expect(await statusWithHost(`${started.url as string}/_emulator/messages`, 'ses_emu:4599')).toBe(200);
    expect(await statusWithHost(`${started.url as string}/_emulator/messages`, 'evil.example')).toBe(403);
    const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    child.kill('SIGINT');
    expect(await code).toBe(0);
    // Exactly one JSON document on stdout, nothing human on stderr.
    expect(JSON.parse(stdout)).toEqual(started);
    expect(stderr).toBe('');
  }, 60_000);

  it('serve --no-rate-limits answers a burst of one action; --webhook is announced', async () => {
    const args = ['serve', '--port', '0', '--no-rate-limits', '--webhook', 'http://127.0.0.1:9/hook'];
    const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv() });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /listening on (http:\/\/[0-9.:]+)/.exec(stderr);
        if (match && stderr.includes('Ctrl-C')) resolve(match[1] as string);
      });
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    try {
      expect(stderr).toContain('webhook: http://127.0.0.1:9/hook');
      expect(stderr).toContain(`dashboard: ${url}/ui`);
      const ses = new SesClient({
        endpoint: url,
        credentials: {
          secretId: 'AKIDLOCALSESEMULATOR000000000000',
          secretKey: 'localsesemulatorsecretkey0000000',
        },
        maxRetries: 0,
      });
      // 30 calls of one action inside a second: over the documented 20/s, refused only with limits on.
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, () => ses.invoke('ListEmailAddress', {})),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      await ses.close();
      // The built binary's own Tencent Cloud backend (undici bundled) against that emulator.
      const keys = {
        TENCENTCLOUD_SECRET_ID: 'AKIDLOCALSESEMULATOR000000000000',
        TENCENTCLOUD_SECRET_KEY: 'localsesemulatorsecretkey0000000',
      };
      const remote = run(['--backend', 'tencent', '--endpoint', url, 'identities', 'list', '--json'], keys);
      expect(remote.stderr).toBe('');
      expect(remote.status).toBe(0);
      expect(JSON.parse(remote.stdout)).toMatchObject({ items: expect.any(Array) });
      const refused = run(['--backend', 'tencent', '--endpoint', url, 'identities', 'list'], {
        ...keys,
        TENCENTCLOUD_SECRET_KEY: 'wrong',
      });
      expect(refused.status).toBe(3);
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
  }, 60_000);
});
