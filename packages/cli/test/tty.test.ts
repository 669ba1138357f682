import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

it('draws a redrawn progress bar on a TTY and plain quarter lines otherwise', async () => {
  const file = join(tmp.dir, 'list.csv');
  writeFileSync(file, `email\n${Array.from({ length: 50 }, (_, i) => `p${i}@example.com`).join('\n')}\n`);
  const tty = await runInProcess(['groups', 'import', 'a', file, '--create'], tmp.dir, { tty: true });
  expect(tty.code, tty.stderr).toBe(0);
  expect(tty.stderr).toContain('\r');
  expect(tty.stderr).toContain('█');
  const plain = await runInProcess(['groups', 'import', 'b', file, '--create'], tmp.dir);
  expect(plain.code).toBe(0);
  expect(plain.stderr).not.toContain('\r');
  expect(plain.stderr).toContain('uploading 100% (50/50)');
});

it('--debug logs wire calls on stderr with secrets redacted, stdout unchanged', async () => {
  await runInProcess(['identities', 'create', 'mail.example.com'], tmp.dir);
  await runInProcess(['senders', 'create', 'a@mail.example.com'], tmp.dir);
  const result = await runInProcess(['senders', 'smtp-password', 'a@mail.example.com', '--debug'], tmp.dir, {
    env: { SES_SMTP_PASSWORD: 'Sup3rSecretPass' },
  });
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toContain(
    '[debug] → UpdateEmailSmtpPassWord {"Password":"***","EmailAddress":"a@mail.example.com"}',
  );
  expect(result.stderr).not.toContain('Sup3rSecretPass');
  expect(result.stdout).toBe('SMTP password set for a@mail.example.com\n');
});
