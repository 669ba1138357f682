import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SesClient } from '../../src/client.js';
import { ConfigError } from '../../src/core/errors.js';
import { resolveRegion } from '../../src/http/config.js';
import { resolveCredentials } from '../../src/http/credentials.js';
import { regionalHost, resolveEndpoint } from '../../src/http/endpoint.js';
import { HttpBackend } from '../../src/http/http-backend.js';
import { startTc3Server, TEST_CREDENTIALS } from './tc3-server.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ses-cred-'));
  mkdirSync(join(home, '.tccli'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function writeProfile(name: string, kind: 'credential' | 'configure', content: unknown) {
  writeFileSync(join(home, '.tccli', `${name}.${kind}`), JSON.stringify(content));
}

const envKeys = { TENCENTCLOUD_SECRET_ID: 'env-id', TENCENTCLOUD_SECRET_KEY: 'env-key' };

describe('resolveCredentials', () => {
  it('prefers the option over the environment and profile', async () => {
    writeProfile('default', 'credential', { secretId: 'file-id', secretKey: 'file-key' });
    const env = { HOME: home, ...envKeys };
    await expect(resolveCredentials({ secretId: 'opt-id', secretKey: 'opt-key' }, { env })).resolves.toEqual({
      secretId: 'opt-id',
      secretKey: 'opt-key',
    });
    await expect(
      resolveCredentials(() => ({ secretId: 'fn-id', secretKey: 'fn-key' }), { env }),
    ).resolves.toEqual({
      secretId: 'fn-id',
      secretKey: 'fn-key',
    });
  });

  it('uses the environment, including the session token, before the profile file', async () => {
    writeProfile('default', 'credential', { secretId: 'file-id', secretKey: 'file-key' });
    const env = { HOME: home, ...envKeys, TENCENTCLOUD_SESSION_TOKEN: 'env-token' };
    await expect(resolveCredentials(undefined, { env })).resolves.toEqual({
      secretId: 'env-id',
      secretKey: 'env-key',
      token: 'env-token',
    });
  });

  it('ignores a half-set environment and falls back to the profile file', async () => {
    writeProfile('default', 'credential', { secretId: 'file-id', secretKey: 'file-key' });
    const env = { HOME: home, TENCENTCLOUD_SECRET_ID: 'env-id' };
    await expect(resolveCredentials(undefined, { env })).resolves.toEqual({
      secretId: 'file-id',
      secretKey: 'file-key',
    });
  });

  it('reads the named profile from the option, then TENCENTCLOUD_PROFILE', async () => {
    writeProfile('work', 'credential', { secretId: 'work-id', secretKey: 'work-key' });
    writeProfile('ci', 'credential', { secretId: 'ci-id', secretKey: 'ci-key' });
    const env = { HOME: home, TENCENTCLOUD_PROFILE: 'ci' };
    await expect(resolveCredentials(undefined, { env })).resolves.toMatchObject({ secretId: 'ci-id' });
    await expect(resolveCredentials(undefined, { env, profile: 'work' })).resolves.toMatchObject({
      secretId: 'work-id',
    });
  });

  it('honours TCCLI_HOME over HOME', async () => {
    const other = join(home, 'elsewhere');
    mkdirSync(other);
    writeFileSync(
      join(other, 'default.credential'),
      JSON.stringify({ secretId: 'moved-id', secretKey: 'moved-key' }),
    );
    await expect(
      resolveCredentials(undefined, { env: { HOME: home, TCCLI_HOME: other } }),
    ).resolves.toMatchObject({
      secretId: 'moved-id',
    });
  });

  it('throws a ConfigError that explains every way to provide credentials', async () => {
    writeFileSync(join(home, '.tccli', 'default.credential'), '{not json');
    const error = await resolveCredentials(undefined, { env: { HOME: home } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('TENCENTCLOUD_SECRET_ID');
    expect(message).toContain('credentials');
    expect(message).toContain(join(home, '.tccli', 'default.credential'));
  });

  it('rejects empty keys without echoing them', async () => {
    const error = await resolveCredentials({ secretId: 'id-visible', secretKey: '' }, { env: {} }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain('id-visible');
  });

  it('wraps a failing provider in a ConfigError', async () => {
    const provider = () => Promise.reject(new Error('sts down'));
    await expect(resolveCredentials(provider, { env: {} })).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('HttpBackend credential errors surface at the first request', () => {
  it('constructs without credentials and throws ConfigError when invoked, sending nothing', async () => {
    const server = await startTc3Server();
    const backend = new HttpBackend({ endpoint: server.url, env: { HOME: home } });
    try {
      await expect(
        backend.invoke({ action: 'ListEmailAddress', payload: {}, region: 'ap-guangzhou', attempt: 0 }),
      ).rejects.toBeInstanceOf(ConfigError);
      expect(server.requests).toHaveLength(0);
    } finally {
      await backend.close();
      await server.close();
    }
  });

  it('signs with credentials from a profile file in a temp HOME', async () => {
    writeProfile('default', 'credential', TEST_CREDENTIALS);
    const server = await startTc3Server();
    const backend = new HttpBackend({ endpoint: server.url, env: { HOME: home } });
    try {
      await backend.invoke({ action: 'ListEmailAddress', payload: {}, region: 'ap-guangzhou', attempt: 0 });
      expect(server.requests[0]?.authError).toBeNull();
    } finally {
      await backend.close();
      await server.close();
    }
  });
});

describe('resolveRegion', () => {
  it('takes the option, then TENCENTCLOUD_REGION, then the profile, then ap-guangzhou', () => {
    // What `tccli configure` writes: the region in `_sys_param`, endpoint and version per service.
    writeProfile('default', 'configure', {
      _sys_param: { arrayCount: 10, output: 'json', region: 'ap-hongkong' },
      ses: { endpoint: 'ses.tencentcloudapi.com', version: '2020-10-02' },
    });
    writeProfile('flat', 'configure', { region: 'ap-singapore' });
    writeProfile('per-service', 'configure', { ses: { region: 'ap-hongkong' }, region: 'ap-singapore' });
    const env = { HOME: home, TENCENTCLOUD_REGION: 'ap-beijing' };
    expect(resolveRegion({ region: 'eu-frankfurt', env })).toBe('eu-frankfurt');
    expect(resolveRegion({ env })).toBe('ap-beijing');
    expect(resolveRegion({ env: { HOME: home } })).toBe('ap-hongkong');
    expect(resolveRegion({ profile: 'flat', env: { HOME: home } })).toBe('ap-singapore');
    expect(resolveRegion({ profile: 'per-service', env: { HOME: home } })).toBe('ap-hongkong');
    expect(resolveRegion({ profile: 'missing', env: { HOME: home } })).toBe('ap-guangzhou');
  });

  it("defaults to the international site's only region there", () => {
    const env = { HOME: home };
    expect(resolveRegion({ profile: 'missing', site: 'international', env })).toBe('ap-singapore');
    expect(resolveRegion({ profile: 'missing', site: 'china', env })).toBe('ap-guangzhou');
    expect(resolveRegion({ region: 'ap-hongkong', site: 'international', env })).toBe('ap-hongkong');
    expect(new SesClient({ site: 'international', env: { HOME: home, TCCLI_HOME: home } }).region).toBe(
      'ap-singapore',
    );
  });
});

describe('endpoints', () => {
  it('defaults per site and accepts a host or a full URL', () => {
    expect(resolveEndpoint(undefined, undefined)).toEqual({
      origin: 'https://ses.tencentcloudapi.com',
      host: 'ses.tencentcloudapi.com',
      service: 'ses',
    });
    expect(resolveEndpoint(undefined, 'international').host).toBe('ses.intl.tencentcloudapi.com');
    expect(resolveEndpoint(regionalHost('ap-hongkong'), 'china')).toMatchObject({
      origin: 'https://ses.ap-hongkong.tencentcloudapi.com',
    });
    expect(resolveEndpoint('http://127.0.0.1:4599', undefined)).toEqual({
      origin: 'http://127.0.0.1:4599',
      host: '127.0.0.1:4599',
      service: 'ses',
    });
    expect(() => resolveEndpoint('ftp://example.com', undefined)).toThrow(ConfigError);
  });
});
