import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../../src/index.js';
import { createHarness, DOMAIN, type Harness, SENDER, START, setupSender, shanghaiDate } from './harness.js';

let h: Harness;
let templateId: number;
let events: DeliveryEvent[];

beforeEach(async () => {
  h = createHarness();
  templateId = await setupSender(h);
  events = [];
  h.backend.onEvent((event) => events.push(event));
});
afterEach(async () => {
  await h.cleanup();
});

const today = shanghaiDate(START);

async function sendTo(address: string): Promise<string> {
  const { MessageId } = await h.call('SendEmail', {
    FromEmailAddress: SENDER,
    Destination: [address],
    Subject: 'Hello',
    Template: { TemplateID: templateId, TemplateData: '{"name":"Sim"}' },
  });
  return MessageId as string;
}

/** The status records of one message, one per recipient. */
async function statuses(messageId: string): Promise<Record<string, unknown>[]> {
  const { EmailStatusList } = (await h.call('GetSendEmailStatus', {
    RequestDate: today,
    Offset: 0,
    Limit: 10,
    MessageId: messageId,
  })) as { EmailStatusList: Record<string, unknown>[] };
  return EmailStatusList;
}

async function status(messageId: string): Promise<Record<string, unknown>> {
  return (await statuses(messageId))[0] ?? {};
}

const typesFor = (id: string) => events.filter((e) => e.bulkId === id).map((e) => e.type);

async function overall(): Promise<Record<string, unknown>> {
  const report = await h.call('GetStatisticsReport', { StartDate: today, EndDate: today, Domain: DOMAIN });
  return report['OverallVolume'] as Record<string, unknown>;
}

describe('mailbox simulator', () => {
  it('success: delivered', async () => {
    const id = await sendTo('success+label@simulator.test');
    expect(await status(id)).toMatchObject({ SendStatus: 0, DeliverStatus: 1, UserOpened: false });
    expect(typesFor(id)).toEqual(['delivered']);
  });

  it('bounce: hard bounce, DeliverStatus 3, bounce blacklist', async () => {
    const id = await sendTo('bounce@simulator.test');
    expect(await status(id)).toMatchObject({ DeliverStatus: 3 });
    expect(events.find((e) => e.bulkId === id)).toMatchObject({ type: 'bounce', bounceType: 'hard_bounce' });
    const { BlackList } = (await h.call('ListBlackEmailAddress', {
      StartDate: today,
      EndDate: today,
      Offset: 0,
      Limit: 10,
    })) as { BlackList: { EmailAddress: string }[] };
    expect(BlackList.map((b) => b.EmailAddress)).toEqual(['bounce@simulator.test']);
    expect(await overall()).toMatchObject({
      RequestCount: 1,
      AcceptedCount: 1,
      DeliveredCount: 0,
      BounceCount: 1,
    });
  });

  it('softbounce: deferred then soft bounce, not blacklisted', async () => {
    const id = await sendTo('softbounce@simulator.test');
    expect(await status(id)).toMatchObject({ DeliverStatus: 8 });
    expect(typesFor(id)).toEqual(['deferred', 'bounce']);
    expect(events.find((e) => e.type === 'bounce')?.bounceType).toBe('soft_bounce');
    await sendTo('softbounce@simulator.test');
  });

  it('complaint: delivered, spamreport event and an abuse report', async () => {
    const id = await sendTo('complaint@simulator.test');
    expect(await status(id)).toMatchObject({ DeliverStatus: 1, UserComplained: true, UserComplainted: true });
    expect(typesFor(id)).toEqual(['delivered', 'spamreport']);
    const { Data } = (await h.call('GetAbuseReport', { StartTime: today, EndTime: today })) as {
      Data: Record<string, unknown>[];
    };
    expect(Data).toHaveLength(1);
    expect(Data[0]).toMatchObject({
      BulkId: id,
      OriginalRcptTo: 'complaint@simulator.test',
      FromDomain: DOMAIN,
    });
  });

  it('open and click: engagement flags, events and statistics', async () => {
    const opened = await sendTo('open@simulator.test');
    const clicked = await sendTo('click@simulator.test');
    expect(await status(opened)).toMatchObject({ DeliverStatus: 1, UserOpened: true, UserClicked: false });
    expect(await status(clicked)).toMatchObject({ UserOpened: true, UserClicked: true });
    expect(typesFor(clicked)).toEqual(['delivered', 'open', 'click']);
    expect(events.find((e) => e.type === 'click')?.link).toBe('https://example.org/offer');
    expect(await overall()).toMatchObject({ DeliveredCount: 2, OpenedCount: 2, ClickedCount: 1 });
  });

  it('unsubscribe: delivered, then suppressed', async () => {
    const id = await sendTo('unsubscribe@simulator.test');
    expect(await status(id)).toMatchObject({ DeliverStatus: 1, UserUnsubscribed: true });
    expect(await overall()).toMatchObject({ UnsubscribeCount: 1 });
    expect(
      (
        await h.fail('SendEmail', {
          FromEmailAddress: SENDER,
          Destination: ['unsubscribe@simulator.test'],
          Subject: 'Again',
          Template: { TemplateID: templateId, TemplateData: '{"name":"x"}' },
        })
      ).code,
    ).toBe('FailedOperation.ReceiverHasUnsubscribed');
  });

  it('defer: deferred, then delivered by a later runDue once the retry is due', async () => {
    const id = await sendTo('defer@simulator.test');
    expect(await status(id)).toMatchObject({ DeliverStatus: 8 });
    expect(h.outboxFiles()).toEqual([]);
    await h.backend.runDue();
    expect(await status(id)).toMatchObject({ DeliverStatus: 8 });
    h.backend.advanceTime(60_000);
    const report = await h.backend.runDue();
    expect(report.emailsSent).toBe(1);
    expect(await status(id)).toMatchObject({ DeliverStatus: 1 });
    expect(typesFor(id)).toEqual(['deferred', 'delivered']);
    expect(h.outboxFiles()).toEqual([`${id}.eml`]);
  });

  it('defer: a first attempt cut short by a crash is still the first attempt', async () => {
    const id = await sendTo('defer@simulator.test');
    // Back to how a process leaves it when it dies after the claim, before the outcome is written.
    const db = new Database(join(h.dir, 'ses.db'));
    db.prepare(
      `UPDATE emails SET status = 'sending', deliver_status = 0, deliver_message = '', due_at = ?,
         claim_owner = NULL, claim_at = NULL WHERE message_id = ?`,
    ).run(START, id);
    db.close();
    await h.backend.runDue();
    expect(await status(id)).toMatchObject({ DeliverStatus: 8 });
    expect(h.outboxFiles()).toEqual([]);
    h.backend.advanceTime(60_000);
    await h.backend.runDue();
    expect(await status(id)).toMatchObject({ DeliverStatus: 1 });
    expect(h.outboxFiles()).toEqual([`${id}.eml`]);
  });
});

describe('defer among several recipients', () => {
  it('defers the whole message when any recipient is defer@, then delivers it to all', async () => {
    const { MessageId } = await h.call('SendEmail', {
      FromEmailAddress: SENDER,
      Destination: ['first@example.net', 'defer+m@simulator.test'],
      Cc: ['cc@example.net'],
      Subject: 'Hello',
      Template: { TemplateID: templateId, TemplateData: '{"name":"Sim"}' },
    });
    const id = MessageId as string;
    expect(h.outboxFiles()).toEqual([]);
    // Until the retry, every recipient's record says the message is deferred, and why.
    const waiting = await statuses(id);
    expect(waiting.map((r) => [r['ToEmailAddress'], r['DeliverStatus']]).sort()).toEqual([
      ['cc@example.net', 8],
      ['defer+m@simulator.test', 8],
      ['first@example.net', 8],
    ]);
    expect(new Set(waiting.map((r) => r['DeliverMessage']))).toEqual(
      new Set(['421 4.7.0 try again later (mailbox simulator)']),
    );
    expect(
      events
        .filter((e) => e.type === 'deferred')
        .map((e) => e.email)
        .sort(),
    ).toEqual(['cc@example.net', 'defer+m@simulator.test', 'first@example.net']);
    h.backend.advanceTime(60_000);
    await h.backend.runDue();
    expect(h.outboxFiles()).toEqual([`${id}.eml`]);
    const records = await statuses(id);
    expect(records.map((r) => [r['ToEmailAddress'], r['DeliverStatus']]).sort()).toEqual([
      ['cc@example.net', 1],
      ['defer+m@simulator.test', 1],
      ['first@example.net', 1],
    ]);
  });
});

describe('tracking and inspection', () => {
  it('records real opens, clicks only to links of that message, and unsubscribes', async () => {
    const id = await sendTo('reader@example.net');
    const message = h.backend.messages.get(id);
    expect(message).toMatchObject({ id, to: 'reader@example.net', subject: 'Hello', status: 'sent' });
    const raw = h.backend.messages.raw(id)?.toString('latin1') ?? '';
    const token = /\/t\/open\/([A-Za-z0-9_-]+)\.gif/.exec(raw.replace(/=\r\n/g, ''))?.[1] ?? '';
    expect(token).not.toBe('');
    expect(h.backend.tracking.open(token, 'UA/1')).toBe(true);
    expect(h.backend.tracking.open(token)).toBe(true);
    expect(h.backend.tracking.click(token, 0, 'UA/1')).toBe('https://example.org/offer');
    expect(h.backend.tracking.click(token, 0)).toBe('https://example.org/offer');
    expect(h.backend.tracking.click(token, 7)).toBeUndefined();
    expect(h.backend.tracking.click('nope', 0)).toBeUndefined();
    expect(await overall()).toMatchObject({ OpenedCount: 2, ClickedCount: 1 });
    expect(h.backend.tracking.unsubscribe(token)).toBe(true);
    expect(await status(id)).toMatchObject({ UserOpened: true, UserClicked: true, UserUnsubscribed: true });
    expect(h.backend.messages.get(id)?.events.map((e) => e.type)).toEqual([
      'delivered',
      'open',
      'open',
      'click',
      'click',
      'unsubscribe',
    ]);
    expect(h.backend.messages.list({ to: 'reader@example.net' }).total).toBe(1);
    expect(h.backend.messages.delete(id)).toBe(true);
    expect(h.backend.messages.get(id)).toBeUndefined();
  });
});

describe('tracking counts for delivered mail only', () => {
  const tokenOf = (id: string) => {
    const raw = h.backend.messages.raw(id)?.toString('latin1') ?? '';
    return /\/t\/open\/([A-Za-z0-9_-]+)\.gif/.exec(raw.replace(/=\r\n/g, ''))?.[1] ?? '';
  };

  it('ignores opens and clicks of a bounced message', async () => {
    const id = await sendTo('bounce@simulator.test');
    const token = tokenOf(id);
    expect(token).not.toBe('');
    expect(h.backend.tracking.open(token)).toBe(false);
    expect(h.backend.tracking.click(token, 0)).toBeUndefined();
    expect(h.backend.tracking.unsubscribe(token)).toBe(false);
    expect(await status(id)).toMatchObject({ DeliverStatus: 3, UserOpened: false, UserClicked: false });
    expect(await overall()).toMatchObject({ OpenedCount: 0, ClickedCount: 0, UnsubscribeCount: 0 });
  });

  it('credits the first delivered recipient when the first one bounced', async () => {
    const { MessageId } = await h.call('SendEmail', {
      FromEmailAddress: SENDER,
      Destination: ['bounce@simulator.test', 'reader@example.com'],
      Subject: 'Hello',
      Template: { TemplateID: templateId, TemplateData: '{"name":"Sim"}' },
    });
    const id = MessageId as string;
    expect(h.backend.tracking.open(tokenOf(id))).toBe(true);
    const records = await statuses(id);
    expect(records.map((r) => [r['ToEmailAddress'], r['DeliverStatus'], r['UserOpened']]).sort()).toEqual([
      ['bounce@simulator.test', 3, false],
      ['reader@example.com', 1, true],
    ]);
  });

  it("counts a click on the sender's own unsubscribe link as an unsubscribe", async () => {
    await h.call('UpdateEmailTemplate', {
      TemplateID: templateId,
      TemplateName: 'welcome',
      TemplateContent: {
        Html: Buffer.from(
          '<p>Hi {{name}} <a href="https://shop.example/unsubscribe?u=1">leave</a></p>',
        ).toString('base64'),
        Text: Buffer.from('Hi {{name}}').toString('base64'),
      },
    });
    const id = await sendTo('reader@example.net');
    expect(h.backend.tracking.click(tokenOf(id), 0)).toBe('https://shop.example/unsubscribe?u=1');
    expect(await status(id)).toMatchObject({ UserClicked: true, UserUnsubscribed: true });
    expect(typesFor(id)).toEqual(['delivered', 'click', 'unsubscribe']);
    expect(await overall()).toMatchObject({ ClickedCount: 1, UnsubscribeCount: 1 });
  });

  it('click@ on a message without links only opens it', async () => {
    await h.call('UpdateEmailTemplate', {
      TemplateID: templateId,
      TemplateName: 'welcome',
      TemplateContent: { Text: Buffer.from('Hi {{name}}').toString('base64') },
    });
    const id = await sendTo('click@simulator.test');
    expect(await status(id)).toMatchObject({ DeliverStatus: 1, UserOpened: true, UserClicked: false });
    expect(typesFor(id)).toEqual(['delivered', 'open']);
  });
});
