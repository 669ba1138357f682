import { join } from 'node:path';
import { createLocalBackend } from '@ses-cli/local';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('local clock advance beyond the backend limits', () => {
  it('over 366 days in one step: exit 2 naming the duration and the limit', async () => {
    const result = await runInProcess(['local', 'clock', 'advance', '367d'], tmp.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: duration: "367d" is longer than 366d');
    expect(result.stderr).not.toContain('bug in ses-cli');
  });

  it('past 100 years ahead of the real clock: exit 2 naming the limit', async () => {
    const dataDir = join(tmp.dir, 'far');
    const backend = createLocalBackend({ dataDir });
    for (let i = 0; i < 100; i++) backend.advanceTime(366 * 86_400_000);
    await backend.close();
    const result = await runInProcess(['local', 'clock', 'advance', '1d', '--data-dir', dataDir], tmp.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'error: duration: "1d" would put the emulated clock more than 100 years ahead',
    );
    expect(result.stderr).not.toContain('bug in ses-cli');
  });
});

describe('validation errors name what the user typed', () => {
  it('senders create <address>', async () => {
    const result = await runInProcess(['senders', 'create', 'notanaddress'], tmp.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: address: must be a valid email address');
    expect(result.stderr).not.toContain('EmailAddress');
  });

  it('suppress update --email', async () => {
    const result = await runInProcess(['suppress', 'update', '1001', '--email', 'bad'], tmp.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: --email: must be a valid email address');
  });
});
