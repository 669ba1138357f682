// Child process: the emulator from the built @ses-cli/local on a free loopback port, rate limits and
// the scheduler off, with a verified domain, a sender and a template already in place. Prints
// `{"port":…,"templateId":…}` on stdout once listening; SIGTERM closes it and removes its data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../packages/local/dist/index.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ses-bench-emulator-'));
const emulator = await startEmulator({ port: 0, dataDir, rateLimits: false, schedulerIntervalMs: 0 });
const call = (action, payload) =>
  emulator.backend.invoke({ action, payload, region: 'ap-guangzhou', attempt: 0 }).then((r) => r.payload);
await call('CreateEmailIdentity', { EmailIdentity: 'mail.example.com' });
await call('CreateEmailAddress', { EmailAddress: 'noreply@mail.example.com', EmailSenderName: 'Bench' });
const html = Buffer.from('<p>Your code is {{code}}</p>').toString('base64');
const { TemplateID } = await call('CreateEmailTemplate', {
  TemplateName: 'code',
  TemplateContent: { Html: html },
});

process.stdout.write(
  `${JSON.stringify({ port: Number(new URL(emulator.url).port), templateId: TemplateID })}\n`,
);
process.on('SIGTERM', async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
