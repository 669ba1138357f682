/**
 * Sends a one-time sign-in code to one recipient and reads back its delivery status.
 *
 *   npx tsx examples/transactional-send.ts
 */
import type { SesClient } from '@ses-cli/sdk';
import { runExample } from './run-example.js';
import { ensureSenderAndTemplate } from './setup.js';

const SENDER = 'noreply@mail.acme.example';
// `success@simulator.test` is the local mailbox simulator's "delivered" address.
const RECIPIENT = process.env.SES_EXAMPLE_TO ?? 'success@simulator.test';

export async function main(ses: SesClient) {
  const templateId = await ensureSenderAndTemplate(ses, SENDER, {
    name: 'sign-in-code',
    html: '<p>Your sign-in code is <b>{{code}}</b>. It expires in 10 minutes.</p>',
    text: 'Your sign-in code is {{code}}. It expires in 10 minutes.',
  });

  const code = String(Math.floor(100_000 + Math.random() * 900_000));
  const { messageId } = await ses.emails.send({
    from: `Acme <${SENDER}>`,
    to: RECIPIENT,
    subject: 'Your Acme sign-in code',
    template: { id: templateId, data: { code } },
    // A triggered mail takes the fast lane meant for codes and receipts.
    trigger: true,
  });

  const statuses = await ses.sendStatus.list({ date: new Date(), messageId });
  return {
    messageId,
    statuses: statuses.items.map((s) => ({
      to: s.to,
      send: s.sendStatus,
      delivery: s.deliverStatus,
      requestedAt: s.requestedAt,
    })),
  };
}

runExample(import.meta.url, main);
