import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileRegion, resolveRegion } from '@ses-cli/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialFilePath } from '../src/config/permissions.js';
import { runInProcess, tempDir } from './helpers.js';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});
/** A home of its own per test: profiles and credentials never leak between cases. */
function home(): string {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  return tmp.dir;
}
const configPath = (dir: string) => join(dir, 'config', 'ses-cli', 'config.json');
const credential = (dir: string, profile: string) =>
  JSON.parse(readFileSync(join(dir, 'tccli', `${profile}.credential`), 'utf8')) as Record<string, string>;

describe('configure --secret-key-stdin', () => {
  it('reads the key from stdin even when TENCENTCLOUD_SECRET_KEY is set', async () => {
    const dir = home();
    const result = await runInProcess(
      ['configure', '--profile', 'p6', '--secret-id', 'AKIDNEW', '--secret-key-stdin'],
      dir,
      { stdin: 'KEY-FROM-STDIN\n', env: { TENCENTCLOUD_SECRET_KEY: 'OLD-ENV-KEY' } },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(credential(dir, 'p6')).toEqual({ secretId: 'AKIDNEW', secretKey: 'KEY-FROM-STDIN' });
  });

  it('refuses an empty stdin, naming the flag, and writes nothing', async () => {
    const dir = home();
    const result = await runInProcess(
      [
        'configure',
        '--profile',
        'p6',
        '--region',
        'ap-hongkong',
        '--secret-id',
        'AKIDNEW',
        '--secret-key-stdin',
      ],
      dir,
      { stdin: '', env: { TENCENTCLOUD_SECRET_KEY: 'OLD-ENV-KEY' } },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--secret-key-stdin: stdin is empty');
    expect(existsSync(configPath(dir))).toBe(false);
  });
});

describe('configure checks every flag before writing anything', () => {
  it('--secret-key-stdin without --secret-id: exit 2, no config file', async () => {
    const dir = home();
    const result = await runInProcess(
      [
        'configure',
        '--profile',
        'p5',
        '--backend',
        'tencent',
        '--region',
        'ap-hongkong',
        '--secret-key-stdin',
      ],
      dir,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--secret-key-stdin needs --secret-id');
    expect(existsSync(configPath(dir))).toBe(false);
  });

  it('--secret-key without --secret-id, and both key flags at once: exit 2, no config file', async () => {
    const dir = home();
    const alone = await runInProcess(['configure', '--region', 'ap-hongkong', '--secret-key', 'k'], dir);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--secret-key needs --secret-id');
    const both = await runInProcess(
      ['configure', '--secret-id', 'AKID1', '--secret-key', 'k', '--secret-key-stdin'],
      dir,
      { stdin: 'k2\n' },
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--secret-key and --secret-key-stdin');
    expect(existsSync(configPath(dir))).toBe(false);
  });
});

describe('profile names', () => {
  it('refuses a --profile that would leave the profile directory (exit 2, nothing written)', async () => {
    const dir = home();
    for (const name of ['../escaped/pwn', '..', '.', 'a/b', 'a\\b']) {
      const result = await runInProcess(
        ['configure', '--profile', name, '--region', 'x', '--secret-id', 'AKID1', '--secret-key-stdin'],
        dir,
        { stdin: 'KEY\n' },
      );
      expect(result.code, name).toBe(2);
      expect(result.stderr).toContain(`--profile: "${name}" is not a valid profile name`);
    }
    expect(existsSync(join(dir, 'escaped'))).toBe(false);
    expect(existsSync(configPath(dir))).toBe(false);
  });

  it('refuses blank, misleading and over-long profile names before writing anything (exit 2)', async () => {
    const dir = home();
    for (const [name, why] of [
      ['  ', 'it is empty'],
      ['pro\u202Eelif', 'an invisible direction or line-separator character'],
      ['a\u2028b', 'an invisible direction or line-separator character'],
      ['p'.repeat(201), 'it is over 200 bytes'],
    ] as const) {
      const result = await runInProcess(
        ['configure', '--profile', name, '--region', 'x', '--secret-id', 'AKID1', '--secret-key-stdin'],
        dir,
        { stdin: 'KEY\n' },
      );
      expect(result.code, JSON.stringify(name)).toBe(2);
      expect(result.stderr).toContain(why);
    }
    expect(existsSync(configPath(dir))).toBe(false);
  });

  it('refuses a control character in --profile (exit 2), shown escaped', async () => {
    const result = await runInProcess(['config', 'list', '--profile', 'a\u001b[2Jb'], home());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--profile: "a\\u{001b}[2Jb" is not a valid profile name');
  });

  it('a bad TENCENTCLOUD_PROFILE is a configuration error (exit 3) naming the variable, for any command', async () => {
    const dir = home();
    const env = { TENCENTCLOUD_PROFILE: '../escaped/pwn' };
    const configure = await runInProcess(['configure', '--region', 'x'], dir, { env });
    expect(configure.code).toBe(3);
    expect(configure.stderr).toContain('TENCENTCLOUD_PROFILE: "../escaped/pwn" is not a valid profile name');
    const list = await runInProcess(['config', 'list', '--json'], dir, { env });
    expect(list.code).toBe(3);
    expect(JSON.parse(list.stderr).error).toMatchObject({
      type: 'ConfigError',
      message: expect.stringContaining('TENCENTCLOUD_PROFILE'),
    });
    expect(existsSync(join(dir, 'escaped'))).toBe(false);
  });

  it('a profile name in the config file that cannot name a file is a configuration error (exit 3)', async () => {
    const dir = home();
    mkdirSync(join(dir, 'config', 'ses-cli'), { recursive: true });
    writeFileSync(configPath(dir), JSON.stringify({ profiles: { '../x': { region: 'ap-hongkong' } } }));
    const result = await runInProcess(['config', 'list'], dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`${configPath(dir)}: profiles: "../x" is not a valid profile name`);
  });

  it('accepts tccli profile names such as user@corp, from the flag and the variable', async () => {
    const dir = home();
    const configure = await runInProcess(
      [
        'configure',
        '--profile',
        'user@corp',
        '--region',
        'ap-hongkong',
        '--secret-id',
        'AKID1',
        '--secret-key-stdin',
      ],
      dir,
      { stdin: 'KEY\n' },
    );
    expect(configure.code, configure.stderr).toBe(0);
    expect(existsSync(join(dir, 'tccli', 'user@corp.credential'))).toBe(true);
    const list = await runInProcess(['config', 'list', '--json'], dir, {
      env: { TENCENTCLOUD_PROFILE: 'user@corp' },
    });
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({
      profile: { value: 'user@corp', source: 'env' },
      region: { value: 'ap-hongkong', source: 'profile' },
    });
  });

  it('accepts ordinary names, and the credential path never leaves TCCLI_HOME', () => {
    const env = { TCCLI_HOME: '/t' };
    expect(credentialFilePath(env, 'work.eu-1_b')).toBe('/t/work.eu-1_b.credential');
    expect(credentialFilePath(env, 'user@corp')).toBe('/t/user@corp.credential');
    for (const bad of ['../x', '..', '.', 'a/b', 'a\\b', 'a\u0000b', 'a\nb', '']) {
      expect(() => credentialFilePath(env, bad), JSON.stringify(bad)).toThrow(/not a valid profile name/);
    }
  });
});

describe('config list region', () => {
  it('reports the region of a tccli <profile>.configure, as the SDK uses it', async () => {
    const dir = home();
    mkdirSync(join(dir, 'tccli'), { recursive: true });
    writeFileSync(
      join(dir, 'tccli', 'hk.configure'),
      JSON.stringify({ _sys_param: { region: 'ap-hongkong' } }),
    );
    const result = await runInProcess(['config', 'list', '--profile', 'hk', '--json'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).region).toEqual({ value: 'ap-hongkong', source: 'tccli profile' });
    // A flag, the environment or the CLI's own profile setting still win.
    const flag = await runInProcess(
      ['config', 'list', '--profile', 'hk', '--region', 'ap-seoul', '--json'],
      dir,
    );
    expect(JSON.parse(flag.stdout).region).toEqual({ value: 'ap-seoul', source: 'flag' });
    const none = await runInProcess(['config', 'list', '--json'], dir);
    expect(JSON.parse(none.stdout).region).toEqual({ value: 'ap-guangzhou', source: 'default' });
  });

  it('reads a tccli profile exactly as the SDK does', () => {
    const dir = home();
    const env = { TCCLI_HOME: dir };
    const cases: [string, unknown][] = [
      ['a', { _sys_param: { region: 'ap-hongkong' }, ses: { region: 'ap-seoul' } }],
      ['b', { ses: { region: ' ap-seoul ' }, region: 'ap-tokyo' }],
      ['c', { region: 'ap-tokyo' }],
      ['d', { _sys_param: { region: '' } }],
      ['e', ['not', 'an', 'object']],
    ];
    for (const [name, content] of cases)
      writeFileSync(join(dir, `${name}.configure`), JSON.stringify(content));
    writeFileSync(join(dir, 'f.configure'), '{ not json');
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'missing']) {
      expect(profileRegion(name, env) ?? 'ap-guangzhou', name).toBe(resolveRegion({ profile: name, env }));
    }
  });
});

describe('the hidden SecretKey prompt', () => {
  it('Ctrl-C is an interruption (exit 130), not a usage error, and nothing is written', async () => {
    const dir = home();
    const result = await runInProcess(['configure', '--profile', 'work'], dir, {
      tty: true,
      stdin: 'tencent\nap-hongkong\nAKIDinteractive0001\nsecr\u0003',
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('error: interrupted');
    expect(result.stderr).not.toContain('cancelled');
    expect(existsSync(configPath(dir))).toBe(false);
    expect(existsSync(join(dir, 'tccli', 'work.credential'))).toBe(false);
  });
});
