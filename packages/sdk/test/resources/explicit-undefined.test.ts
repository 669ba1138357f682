import { createWebhookEvent, type SesClient } from '@ses-cli/sdk';
import { describe, expect, it } from 'vitest';
import { type Answer, type RecordedCall, recordingClient } from './recording-backend.js';

// Optional inputs are typed `?: T | undefined` (see test/types): an explicit `undefined` must then
// do exactly what leaving the property out does, down to the wire payload. `toStrictEqual` tells a
// key holding `undefined` from a missing one, which `toEqual` does not.

/** Runs the same call twice on fresh clients, once with fields omitted and once with them `undefined`. */
async function compare<R>(
  answers: Partial<Record<string, Answer>>,
  omitted: (ses: SesClient) => Promise<R>,
  explicit: (ses: SesClient) => Promise<R>,
): Promise<{ calls: RecordedCall[]; result: R }> {
  const a = recordingClient(answers);
  const b = recordingClient(answers);
  const result = await omitted(a.ses);
  expect(await explicit(b.ses)).toStrictEqual(result);
  expect(b.backend.calls).toStrictEqual(a.backend.calls);
  return { calls: a.backend.calls, result };
}

const templates = {
  TotalCount: 1,
  TemplatesMetadata: [{ TemplateID: 1, TemplateName: 't', TemplateStatus: 0, CreatedTimestamp: 0 }],
};

describe('an explicit undefined behaves like an omitted property', () => {
  it('emails.send with replyTo (and every other optional field) undefined', async () => {
    const base = { from: 'noreply@mail.acme.com', subject: 'Hi', template: { id: 1 } };
    const { calls } = await compare(
      { SendEmail: () => ({ MessageId: 'm-1' }) },
      (ses) => ses.emails.send({ ...base, to: 'ana@example.com' }),
      (ses) =>
        ses.emails.send({
          ...base,
          to: 'ana@example.com',
          cc: undefined,
          bcc: undefined,
          replyTo: undefined,
          template: { id: 1, data: undefined },
          attachments: undefined,
          unsubscribe: undefined,
          trigger: undefined,
          headers: undefined,
          smtpMessageId: undefined,
          headerFrom: undefined,
        }),
    );
    expect(calls).toStrictEqual([
      {
        action: 'SendEmail',
        payload: {
          FromEmailAddress: 'noreply@mail.acme.com',
          Destination: ['ana@example.com'],
          Subject: 'Hi',
          Template: { TemplateID: 1, TemplateData: '{}' },
        },
      },
    ]);
  });

  it('templates.list with limit and offset undefined', async () => {
    const { calls } = await compare(
      { ListEmailTemplates: () => templates },
      async (ses) => (await ses.templates.list()).items,
      async (ses) => (await ses.templates.list({ limit: undefined, offset: undefined })).items,
    );
    expect(calls.map((c) => c.payload)).toStrictEqual([{ Offset: 0, Limit: 100 }]);
  });

  it('templates.get with { signal: undefined } (and the other request options undefined)', async () => {
    const answer = { TemplateName: 't', TemplateStatus: 0, TemplateContent: { Text: 'aGk=' } };
    const { calls, result } = await compare(
      { GetEmailTemplate: () => answer },
      (ses) => ses.templates.get(7),
      (ses) => ses.templates.get(7, { signal: undefined, timeout: undefined, maxRetries: undefined }),
    );
    expect(calls.map((c) => c.payload)).toStrictEqual([{ TemplateID: 7 }]);
    expect(result).toMatchObject({ id: 7, text: 'hi', html: undefined });
  });

  it('emails.batchSend with a one-off or recurring schedule holding undefined fields', async () => {
    const base = { from: 'news@mail.acme.com', groupId: 3, subject: 'News', template: { id: 1 } };
    const answers = { BatchSendEmail: () => ({ TaskId: 9 }) };
    const at = '2030-01-01 09:00:00';
    const once = await compare(
      answers,
      (ses) => ses.emails.batchSend({ ...base, schedule: { at } }),
      (ses) =>
        ses.emails.batchSend({
          ...base,
          replyTo: undefined,
          adLocation: undefined,
          unsubscribe: undefined,
          schedule: { at, every: undefined, stop: undefined },
        }),
    );
    expect(once.calls[0]?.payload).toMatchObject({ TaskType: 2, TimedParam: { BeginTime: at } });
    const recurring = await compare(
      answers,
      (ses) => ses.emails.batchSend({ ...base, schedule: { every: 2, at } }),
      (ses) => ses.emails.batchSend({ ...base, schedule: { every: 2, at, stop: undefined } }),
    );
    expect(recurring.calls[0]?.payload).toStrictEqual({
      FromEmailAddress: 'news@mail.acme.com',
      ReceiverId: 3,
      Subject: 'News',
      Template: { TemplateID: 1, TemplateData: '{}' },
      TaskType: 3,
      CycleParam: { BeginTime: at, IntervalTime: 2 },
    });
  });

  it('params objects of identities, customBlacklist and recipientGroups', async () => {
    const detail = { IdentityType: 'DOMAIN', VerifiedForSendingStatus: false, Attributes: [], DKIMOption: 0 };
    await compare(
      { CreateEmailIdentity: () => detail, UpdateEmailIdentity: () => detail },
      async (ses) => [
        await ses.identities.create('mail.acme.com', {}),
        await ses.identities.verify('mail.acme.com'),
      ],
      async (ses) => [
        await ses.identities.create('mail.acme.com', { dkim: undefined, tags: undefined }),
        await ses.identities.verify('mail.acme.com', { dkim: undefined }),
      ],
    );
    const { calls } = await compare(
      { CreateCustomBlacklist: () => ({ TotalCount: 1, ValidCount: 1 }), UpdateCustomBlackList: () => ({}) },
      async (ses) => [
        await ses.customBlacklist.add(['a@example.com']),
        await ses.customBlacklist.update(4, { email: 'b@example.com' }),
      ],
      async (ses) => [
        await ses.customBlacklist.add(['a@example.com'], { expiresOn: undefined }),
        await ses.customBlacklist.update(4, { email: 'b@example.com', expiresOn: undefined }),
      ],
    );
    expect(calls.map((c) => c.payload)).toStrictEqual([
      { Emails: ['a@example.com'] },
      { Id: 4, Email: 'b@example.com' },
    ]);
    const groups = {
      CreateReceiver: () => ({ ReceiverId: 12 }),
      CreateReceiverDetail: () => ({ TotalCount: 2, ValidCount: 2 }),
      ListReceivers: () => ({ TotalCount: 1, Data: [{ ReceiverId: 12, ReceiversStatus: 3 }] }),
    };
    await compare(
      groups,
      async (ses) => [
        await ses.recipientGroups.create({ name: 'june' }),
        await ses.recipientGroups.addRecipients(12, ['a@example.com', { email: 'b@example.com' }]),
        await ses.recipientGroups.waitUntilUploaded(12),
      ],
      async (ses) => [
        await ses.recipientGroups.create({ name: 'june', description: undefined }),
        await ses.recipientGroups.addRecipients(
          12,
          ['a@example.com', { email: 'b@example.com', data: undefined }],
          {
            chunkSize: undefined,
            wait: undefined,
            onProgress: undefined,
            signal: undefined,
          },
        ),
        await ses.recipientGroups.waitUntilUploaded(12, {
          intervalMs: undefined,
          timeoutMs: undefined,
          signal: undefined,
        }),
      ],
    );
  });

  it('createWebhookEvent leaves out a field given as undefined', () => {
    const base = {
      type: 'delivered',
      email: 'a@example.com',
      timestamp: new Date(1_780_000_000_000),
    } as const;
    const explicit = createWebhookEvent({
      ...base,
      bulkId: undefined,
      link: undefined,
      sentTimestamp: undefined,
    });
    expect(explicit).toStrictEqual(createWebhookEvent(base));
    expect(explicit).not.toHaveProperty('bulkId');
  });
});
