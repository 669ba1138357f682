/**
 * A short tour of every resource: domains and senders, templates, a recipient group, a single and a
 * batch send, tasks, delivery status, statistics, both blacklists, unsubscribe links and complaints.
 *
 *   npx tsx examples/resource-tour.ts
 */
import type { SesClient } from '@ses-cli/sdk';
import { runExample } from './run-example.js';

const DOMAIN = 'tour.acme.example';
const SENDER = `hello@${DOMAIN}`;

export async function main(ses: SesClient) {
  // Sender domain and address (the local backend verifies domains at once).
  const identity = await ses.identities.create(DOMAIN, { dkim: 'rsa-2048' });
  await ses.senders.create({ address: SENDER, name: 'Acme Tour' });

  // A template: plain text in, base64 on the wire, variables read back.
  const { id: templateId } = await ses.templates.create({
    name: `tour-${Date.now()}`,
    html: '<p>Hello {{name}}</p>',
    text: 'Hello {{name}}',
  });
  const template = await ses.templates.get(templateId);

  // A single send, then a batch to a group.
  const { messageId } = await ses.emails.send({
    from: SENDER,
    to: 'success@simulator.test',
    subject: 'Hello {{name}}',
    template: { id: templateId, data: { name: 'Ana' } },
  });
  const { id: groupId } = await ses.recipientGroups.create({ name: `tour-${Date.now()}` });
  await ses.recipientGroups.addRecipients(groupId, ['success+1@simulator.test', 'success+2@simulator.test']);
  const group = await ses.recipientGroups.waitUntilUploaded(groupId, { intervalMs: 50, timeoutMs: 30_000 });
  const { taskId } = await ses.emails.batchSend({
    from: SENDER,
    groupId,
    subject: 'Hello {{name}}',
    template: { id: templateId, data: { name: 'reader' } },
  });

  // What happened.
  const task = await ses.sendTasks.get(taskId);
  const status = await ses.sendStatus.list({ date: new Date(), messageId });
  const today = new Date();
  const stats = await ses.statistics.get({ startDate: today, endDate: today });

  // Lists of addresses not to send to.
  const bounced = await ses.blacklist.list({ startDate: today, endDate: today });
  await ses.customBlacklist.add(['never@example.com'], { expiresOn: '2099-12-31' });
  const custom = await ses.customBlacklist.list({ status: 'active' });

  // Unsubscribe links and complaints.
  await ses.unsubscribeConfigs.create({ address: SENDER, language: 'en' });
  const unsubscribe = await ses.unsubscribeConfigs.list();
  const complaints = await ses.abuseReports.list({ startDate: today, endDate: today });

  return {
    domain: { verified: identity.verified, dkim: identity.dkim, records: identity.dnsRecords.length },
    template: { status: template.status, variables: template.variables },
    messageId,
    delivery: status.items.map((s) => s.deliverStatus),
    group: { status: group.status, count: group.count },
    task: { type: task.type, status: task.status },
    requested: stats.overall.requested,
    bounced: bounced.totalCount,
    customBlacklist: custom.items.map((e) => e.email),
    unsubscribe: unsubscribe.items.map((c) => [c.address, c.language]),
    complaints: complaints.totalCount,
  };
}

runExample(import.meta.url, main);
