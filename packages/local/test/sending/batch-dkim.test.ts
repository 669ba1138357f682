import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { DeliveryWorkerError, deliveryWorker } from '../../src/delivery/delivery-worker.js';
import { verifyDkim } from '../delivery/dkim-verifier.js';
import { createGroup, createHarness, DOMAIN, type Harness, SENDER, setupSender } from './harness.js';

// Batch messages are spliced by the batch composer and signed on the delivery worker thread; these
// check the result end to end, with the independent verifier and the keys the domain published.

let h: Harness;
let templateId: number;

beforeEach(async () => {
  h = createHarness({ warmup: false });
  templateId = await setupSender(h, {
    html: '<html><body><p>Hello {{name}}, see <a href="https://example.org/offer">the offer</a>.</p></body></html>',
    text: 'Hello {{name}}',
  });
});
afterEach(async () => {
  await h.cleanup();
});

/** The domain's DKIM keys, smallest first. */
function publicKeys(): { bits: number; selector: string; publicKey: string }[] {
  const db = new Database(join(h.dir, 'ses.db'), { readonly: true });
  try {
    return db
      .prepare('SELECT bits, selector, public_key AS publicKey FROM dkim_keys WHERE domain = ? ORDER BY bits')
      .all(DOMAIN) as { bits: number; selector: string; publicKey: string }[];
  } finally {
    db.close();
  }
}

async function sendBatch(recipients: string[]): Promise<Buffer[]> {
  const receiverId = await createGroup(h, recipients);
  await h.call('BatchSendEmail', {
    FromEmailAddress: SENDER,
    ReceiverId: receiverId,
    Subject: 'Hi {{name}} 你好',
    TaskType: 1,
    Template: { TemplateID: templateId, TemplateData: '{}' },
    Unsubscribe: '2',
  });
  await h.backend.runDue();
  return h.outboxFiles().map((file) => readFileSync(join(h.outbox, file)));
}

it('every batch message carries a valid signature of the domain key over its own body', async () => {
  const messages = await sendBatch(['a@example.net', 'b@example.net', 'c@example.net']);
  expect(messages).toHaveLength(3);
  const keys = publicKeys();
  expect(keys).toHaveLength(1);
  const { selector, publicKey } = keys[0] as { selector: string; publicKey: string };
  const recipients = new Set<string>();
  for (const raw of messages) {
    const result = verifyDkim(raw, publicKey);
    expect(result).toMatchObject({ bodyHashMatches: true, signatureValid: true });
    expect(result.tags.get('s')).toBe(selector);
    expect(result.tags.get('d')).toBe(DOMAIN);
    expect(result.signedHeaders).toEqual(
      expect.arrayContaining(['from', 'to', 'subject', 'list-unsubscribe']),
    );
    const mail = await simpleParser(raw);
    expect(mail.subject).toMatch(/^Hi User \d 你好$/);
    recipients.add(Array.isArray(mail.to) ? '' : (mail.to?.value[0]?.address ?? ''));
  }
  expect(recipients).toEqual(new Set(['a@example.net', 'b@example.net', 'c@example.net']));
});

it('DKIMOption 2 signs every batch message twice, 1024 then 2048 bits', async () => {
  await h.call('UpdateEmailIdentity', { EmailIdentity: DOMAIN, DKIMOption: 2 });
  const keys = publicKeys();
  expect(keys.map((key) => key.bits)).toEqual([1024, 2048]);
  const messages = await sendBatch(['a@example.net', 'b@example.net']);
  expect(messages).toHaveLength(2);
  for (const raw of messages) {
    keys.forEach((key, index) => {
      const result = verifyDkim(raw, key.publicKey, index);
      expect(result).toMatchObject({ signatureValid: true, bodyHashMatches: true });
      expect(result.tags.get('s')).toBe(key.selector);
    });
    expect(() => verifyDkim(raw, keys[0]?.publicKey ?? '', 2)).toThrow(/no DKIM-Signature/);
  }
});

it('emails whose signatures are lost with the worker thread are deferred, then delivered on the retry', async () => {
  // The worker thread dying mid-batch (killed, out of memory) says nothing about the emails.
  const run = vi.spyOn(deliveryWorker, 'run').mockImplementation(async (job) => {
    if (job === 'sign') throw new DeliveryWorkerError('the delivery worker thread exited (code 1)');
    throw new Error('no other job expected while signing fails');
  });
  let messages: Buffer[];
  try {
    messages = await sendBatch(['a@example.net', 'b@example.net']);
  } finally {
    run.mockRestore();
  }
  expect(messages).toEqual([]);
  const db = new Database(join(h.dir, 'ses.db'), { readonly: true });
  const rows = () =>
    db.prepare('SELECT status, deliver_message AS reason FROM emails ORDER BY id').all() as {
      status: string;
      reason: string;
    }[];
  try {
    expect(rows()).toEqual([
      { status: 'deferred', reason: expect.stringContaining('delivery worker thread exited') },
      { status: 'deferred', reason: expect.stringContaining('delivery worker thread exited') },
    ]);
    h.backend.advanceTime(60_000);
    expect((await h.backend.runDue()).emailsSent).toBe(2);
    expect(rows().map((row) => row.status)).toEqual(['sent', 'sent']);
  } finally {
    db.close();
  }
  const { publicKey } = publicKeys()[0] as { publicKey: string };
  for (const file of h.outboxFiles()) {
    expect(verifyDkim(readFileSync(join(h.outbox, file)), publicKey)).toMatchObject({ signatureValid: true });
  }
});
