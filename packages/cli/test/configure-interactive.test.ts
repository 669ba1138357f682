import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('configure on a terminal without flags', () => {
  it('asks for each setting and the key pair, and never echoes the SecretKey', async () => {
    const answers = 'tencent\nap-hongkong\nAKIDinteractive0001\nvery-secret-key-value\n';
    const result = await runInProcess(['configure', '--profile', 'work'], tmp.dir, {
      tty: true,
      stdin: answers,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Backend (local or tencent) [local]: ');
    expect(result.stderr).toContain('Region [ap-guangzhou]: ');
    expect(result.stderr).toContain('SecretKey: ');
    expect(`${result.stdout}${result.stderr}`).not.toContain('very-secret-key-value');

    const config = JSON.parse(readFileSync(join(tmp.dir, 'config', 'ses-cli', 'config.json'), 'utf8'));
    expect(config.profiles.work).toMatchObject({ backend: 'tencent', region: 'ap-hongkong' });
    const credentialPath = join(tmp.dir, 'tccli', 'work.credential');
    expect(JSON.parse(readFileSync(credentialPath, 'utf8'))).toEqual({
      secretId: 'AKIDinteractive0001',
      secretKey: 'very-secret-key-value',
    });
    expect(statSync(credentialPath).mode & 0o777).toBe(0o600);
  });

  it('keeps the current values on empty answers and asks no keys for the local backend', async () => {
    const result = await runInProcess(['configure', '--profile', 'work'], tmp.dir, {
      tty: true,
      stdin: 'local\n\n',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Region [ap-hongkong]: ');
    expect(result.stderr).not.toContain('SecretId');
    const config = JSON.parse(readFileSync(join(tmp.dir, 'config', 'ses-cli', 'config.json'), 'utf8'));
    expect(config.profiles.work).toMatchObject({ backend: 'local', region: 'ap-hongkong' });
  });

  it('refuses an unknown backend answer with exit 2', async () => {
    const result = await runInProcess(['configure'], tmp.dir, { tty: true, stdin: 'aws\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('backend: must be "local" or "tencent"');
  });
});
