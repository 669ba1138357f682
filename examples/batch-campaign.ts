/**
 * Uploads a recipient group from a generator, waits for the upload, and starts a batch task.
 *
 *   npx tsx examples/batch-campaign.ts
 */
import type { SesClient } from '@ses-cli/sdk';
import { runExample } from './run-example.js';
import { ensureSenderAndTemplate } from './setup.js';

const SENDER = 'news@mail.acme.example';

/** Stands in for reading a CSV or a database cursor: recipients arrive one by one. */
async function* subscribers(count: number) {
  for (let i = 1; i <= count; i++)
    yield { email: `success+${i}@simulator.test`, data: { name: `Reader ${i}` } };
}

export async function main(ses: SesClient) {
  const templateId = await ensureSenderAndTemplate(ses, SENDER, {
    name: 'monthly-news',
    html: '<p>Hello {{name}}, here is what is new this month.</p>',
    text: 'Hello {{name}}, here is what is new this month.',
  });

  const { id: groupId } = await ses.recipientGroups.create({ name: `news-${Date.now()}` });
  const upload = await ses.recipientGroups.addRecipients(groupId, subscribers(25), {
    onProgress: (p) => console.error(`uploaded ${p.sent} recipients in ${p.calls} call(s)`),
  });
  // The service processes uploads asynchronously; a batch needs the group to be complete.
  await ses.recipientGroups.waitUntilUploaded(groupId, { intervalMs: 250, timeoutMs: 60_000 });

  // Per-recipient data was uploaded with the group, so the template needs no data here.
  const { taskId } = await ses.emails.batchSend({
    from: `Acme News <${SENDER}>`,
    groupId,
    subject: 'What is new at Acme',
    template: { id: templateId },
  });
  const task = await ses.sendTasks.get(taskId);
  return { groupId, uploaded: upload.validCount, taskId, type: task.type, status: task.status };
}

runExample(import.meta.url, main);
