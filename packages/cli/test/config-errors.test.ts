import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const aFile = join(tmp.dir, 'a-file');
writeFileSync(aFile, 'not a directory\n');

describe('configuration errors exit 3 and name their source', () => {
  it('--data-dir that is a file', async () => {
    const result = await runInProcess(['templates', 'list', '--data-dir', aFile], tmp.dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`error: --data-dir: cannot use "${aFile}" as the data directory`);
    expect(result.stderr).not.toContain('EEXIST');
    expect(result.stderr).not.toContain('bug in ses-cli');
    const json = await runInProcess(['templates', 'list', '--data-dir', aFile, '--json'], tmp.dir);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stderr).error).toMatchObject({ type: 'ConfigError' });
  });

  it('SES_CLI_DATA_DIR under a file, and serve too', async () => {
    const env = { SES_CLI_DATA_DIR: join(aFile, 'data') };
    const list = await runInProcess(['templates', 'list'], tmp.dir, { env });
    expect(list.code).toBe(3);
    expect(list.stderr).toContain('error: SES_CLI_DATA_DIR: cannot use');
    const serve = await runInProcess(['serve', '--port', '0'], tmp.dir, { env });
    expect(serve.code).toBe(3);
    expect(serve.stderr).toContain('error: SES_CLI_DATA_DIR: cannot use');
  });

  it('SES_BACKEND with an unknown value', async () => {
    const result = await runInProcess(['templates', 'list', '--json'], tmp.dir, {
      env: { SES_BACKEND: 'aws' },
    });
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stderr).error).toMatchObject({
      type: 'ConfigError',
      message: 'SES_BACKEND: must be "local" or "tencent", got "aws"',
    });
  });
});
