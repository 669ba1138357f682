import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LOCAL_KEYS, startEmulator } from '@ses-cli/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
let emulator: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataDir: join(tmp.dir, 'emulator'), schedulerIntervalMs: 0 });
});
afterAll(async () => {
  await emulator.close();
  tmp.cleanup();
});

const modeOf = (path: string) => statSync(path).mode & 0o777;
const KEY = 'sK3cr3t-K3y-VALUE-0123456789abcdef';
const ID = 'AKIDsecretsTest0000000000000000000';

/** A home of its own per test, so file modes and warnings do not leak between cases. */
function home(name: string) {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  return {
    dir,
    run: (argv: string[], options: Parameters<typeof runInProcess>[2] = {}) =>
      runInProcess(argv, dir, options),
    credential: join(dir, 'tccli', 'default.credential'),
    config: join(dir, 'config', 'ses-cli', 'config.json'),
  };
}

describe('secrets given as flags', () => {
  it('configure --secret-key works but warns once on stderr, and never echoes the key', async () => {
    const h = home('flag');
    const result = await h.run([
      'configure',
      '--secret-id',
      ID,
      '--secret-key',
      KEY,
      '--region',
      'ap-hongkong',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('--secret-key puts a secret'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/TENCENTCLOUD_SECRET_KEY, --secret-key-stdin or the prompt/);
    expect(result.stdout + result.stderr).not.toContain(KEY);
    expect(result.stdout).not.toContain(ID);
    expect(JSON.parse(readFileSync(h.credential, 'utf8'))).toEqual({ secretId: ID, secretKey: KEY });
  });

  it('reading the key from stdin gives no warning', async () => {
    const h = home('stdin');
    const result = await h.run(['configure', '--secret-id', ID, '--secret-key-stdin'], { stdin: `${KEY}\n` });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('warning');
    expect(result.stdout + result.stderr).not.toContain(KEY);
    expect(JSON.parse(readFileSync(h.credential, 'utf8')).secretKey).toBe(KEY);
  });

  it('senders smtp-password --password warns, and --dry-run prints the request with the password masked', async () => {
    const h = home('smtp');
    const password = 'Smtp-Pa55word-never-shown';
    const flag = await h.run([
      'senders',
      'smtp-password',
      'a@mail.example.com',
      '--password',
      password,
      '--dry-run',
    ]);
    expect(flag.code, flag.stderr).toBe(0);
    expect(flag.stderr).toMatch(/warning: --password puts a secret in your shell history/);
    expect(flag.stdout).toContain('UpdateEmailSmtpPassWord');
    expect(flag.stdout + flag.stderr).not.toContain(password);

    const env = await h.run(['senders', 'smtp-password', 'a@mail.example.com', '--dry-run', '--json'], {
      env: { SES_SMTP_PASSWORD: password },
    });
    expect(env.code, env.stderr).toBe(0);
    expect(env.stderr).not.toContain('warning');
    expect(JSON.parse(env.stdout).requests[0].payload.Password).toBe('***');
    expect(env.stdout).not.toContain(password);
  });
});

describe('profile and credential files', () => {
  it('are written 0600 in 0700 directories', async () => {
    const h = home('modes');
    const result = await h.run(
      ['configure', '--secret-id', ID, '--secret-key-stdin', '--backend', 'tencent'],
      {
        stdin: KEY,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(modeOf(h.credential)).toBe(0o600);
    expect(modeOf(join(h.dir, 'tccli'))).toBe(0o700);
    expect(modeOf(h.config)).toBe(0o600);
    expect(modeOf(join(h.dir, 'config', 'ses-cli'))).toBe(0o700);
  });

  it('a credential or config file readable by others gets a warning naming the fix', async () => {
    const h = home('exposed');
    mkdirSync(join(h.dir, 'tccli'), { recursive: true });
    writeFileSync(h.credential, JSON.stringify({ secretId: ID, secretKey: KEY }));
    chmodSync(h.credential, 0o644);
    const list = await h.run(['config', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toContain(`warning: ${h.credential} is accessible by other users (mode 644)`);
    expect(list.stderr).toContain(`chmod 600 ${h.credential}`);

    // The tencent backend reads that file for its credentials: the same warning, once.
    const call = await h.run(['identities', 'list', '--backend', 'tencent', '--endpoint', emulator.url]);
    expect(call.stderr.split(h.credential).length - 1).toBe(2);

    mkdirSync(join(h.dir, 'config', 'ses-cli'), { recursive: true });
    writeFileSync(h.config, '{"profiles":{}}');
    chmodSync(h.config, 0o664);
    const local = await h.run(['templates', 'list']);
    expect(local.code, local.stderr).toBe(0);
    expect(local.stderr).toContain(`warning: ${h.config} is accessible by other users (mode 664)`);

    chmodSync(h.config, 0o600);
    chmodSync(h.credential, 0o600);
    const quiet = await h.run(['config', 'list']);
    expect(quiet.stderr).not.toContain('warning');
  });

  it('config list masks the SecretId and never shows the SecretKey, in tables and --json', async () => {
    const h = home('list');
    for (const json of [false, true]) {
      const result = await h.run(['config', 'list', ...(json ? ['--json'] : [])], {
        env: { TENCENTCLOUD_SECRET_ID: ID, TENCENTCLOUD_SECRET_KEY: KEY },
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout + result.stderr).not.toContain(KEY);
      expect(result.stdout + result.stderr).not.toContain(ID);
      expect(result.stdout).toContain(ID.slice(0, 4));
      if (json) expect(JSON.parse(result.stdout).secretKey).toEqual({ value: '********', source: 'env' });
    }
  });
});

describe('secrets and a failing Tencent Cloud call (the emulator)', () => {
  const cases = [
    ['a wrong SecretKey', DEFAULT_LOCAL_KEYS.secretId, KEY, /AuthFailure\.SignatureFailure/],
    ['an unknown SecretId', ID, KEY, /AuthFailure\.SecretIdNotFound/],
  ] as const;

  it.each(cases)(
    '%s: exit 3; neither --debug nor the error output contains the key',
    async (_, id, key, code) => {
      const h = home(`auth-${id.slice(0, 8)}`);
      for (const json of [false, true]) {
        const result = await h.run(
          [
            'templates',
            'list',
            '--backend',
            'tencent',
            '--endpoint',
            emulator.url,
            '--debug',
            ...(json ? ['--json'] : []),
          ],
          { env: { TENCENTCLOUD_SECRET_ID: id, TENCENTCLOUD_SECRET_KEY: key } },
        );
        expect(result.code).toBe(3);
        expect(result.stderr).toContain('[debug]');
        expect(result.stderr).toMatch(code);
        expect(result.stdout + result.stderr).not.toContain(key);
      }
    },
  );

  it('credentials from a profile file stay out of --debug and errors too', async () => {
    const h = home('auth-file');
    const configured = await h.run(['configure', '--secret-id', ID, '--secret-key-stdin'], { stdin: KEY });
    expect(configured.code).toBe(0);
    const result = await h.run([
      'identities',
      'list',
      '--backend',
      'tencent',
      '--endpoint',
      emulator.url,
      '--debug',
    ]);
    expect(result.code).toBe(3);
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });
});
