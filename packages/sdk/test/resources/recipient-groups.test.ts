import {
  createApiError,
  NotFoundError,
  type RecipientInput,
  SesClient,
  TimeoutError,
  ValidationError,
} from '@ses-cli/sdk';
import { describe, expect, it } from 'vitest';
import { empty, RecordingBackend, recordingClient } from './recording-backend.js';

const uploadAnswer = (p: Record<string, unknown>) => {
  const n = ((p.Emails ?? p.Datas) as unknown[]).length;
  return { TotalCount: n, ValidCount: n - 1, TooLongCount: 1, EmptyEmailCount: 0, RepeatCount: 0 };
};

async function* addresses(count: number): AsyncGenerator<string> {
  for (let i = 0; i < count; i++) yield `user${i}@example.com`;
}

describe('ses.recipientGroups', () => {
  it('create maps name/description and returns the id', async () => {
    const { ses, backend } = recordingClient({ CreateReceiver: () => ({ ReceiverId: 12 }) });
    expect(await ses.recipientGroups.create({ name: 'june', description: 'June list' })).toEqual({
      id: 12,
      requestId: 'req-1',
    });
    await ses.recipientGroups.create({ name: 'bare' });
    expect(backend.sent('CreateReceiver')).toEqual([
      { ReceiversName: 'june', Desc: 'June list' },
      { ReceiversName: 'bare' },
    ]);
  });

  it('create rejects a description over 300 characters as `description`, before sending', async () => {
    const { ses, backend } = recordingClient({ CreateReceiver: empty });
    await expect(
      ses.recipientGroups.create({ name: 'x', description: 'd'.repeat(301) }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'description',
    });
    expect(backend.calls).toEqual([]);
  });

  it('list maps filters to wire codes and groups to camelCase', async () => {
    const { ses, backend } = recordingClient({
      ListReceivers: () => ({
        TotalCount: 1,
        Data: [
          {
            ReceiverId: 12,
            ReceiversName: 'june',
            Count: 3,
            Desc: 'd',
            ReceiversStatus: 2,
            CreateTime: '2026-06-01 08:00:00',
            InvalidCount: 1,
          },
        ],
      }),
    });
    const page = await ses.recipientGroups.list({ status: 'uploading', keyword: 'ju', limit: 10 });
    expect(backend.sent('ListReceivers')).toEqual([{ Offset: 0, Limit: 10, Status: 2, KeyWord: 'ju' }]);
    expect(page.items).toEqual([
      {
        id: 12,
        name: 'june',
        description: 'd',
        count: 3,
        invalidCount: 1,
        status: 'uploading',
        statusCode: 2,
        createdAt: new Date('2026-06-01T00:00:00Z'),
      },
    ]);
  });

  it('get finds a group by id through the list, and throws NotFoundError when absent', async () => {
    const { ses } = recordingClient({
      ListReceivers: () => ({
        TotalCount: 2,
        Data: [{ ReceiverId: 1 }, { ReceiverId: 2, ReceiversStatus: 3 }],
      }),
    });
    expect((await ses.recipientGroups.get(2)).status).toBe('complete');
    await expect(ses.recipientGroups.get(3)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('listRecipients maps filters, recipients and the valid/invalid counts', async () => {
    const { ses, backend } = recordingClient({
      ListReceiverDetails: () => ({
        TotalCount: 1,
        ValidCount: 1,
        InvalidCount: 0,
        Data: [
          {
            EmailId: 9,
            Email: 'a@example.com',
            TemplateData: '{"name":"Ana"}',
            Status: 1,
            Reason: '',
            CreateTime: '2026-06-01 08:00:00',
          },
        ],
      }),
    });
    const page = await ses.recipientGroups.listRecipients(12, {
      status: 'valid',
      email: 'a@',
      createdFrom: new Date('2026-06-01T00:00:00Z'),
      createdTo: '2026-06-02 00:00:00',
    });
    expect(backend.sent('ListReceiverDetails')).toEqual([
      {
        ReceiverId: 12,
        Email: 'a@',
        Status: 1,
        CreateTimeBegin: '2026-06-01 08:00:00',
        CreateTimeEnd: '2026-06-02 00:00:00',
        Offset: 0,
        Limit: 100,
      },
    ]);
    expect(page.meta).toEqual({ validCount: 1, invalidCount: 0 });
    // Whole days are accepted too, as the wire is.
    await ses.recipientGroups.listRecipients(12, { createdFrom: '2026-06-01', createdTo: '2026-06-02' });
    expect(backend.sent('ListReceiverDetails')[1]).toMatchObject({
      CreateTimeBegin: '2026-06-01',
      CreateTimeEnd: '2026-06-02',
    });
    await expect(ses.recipientGroups.listRecipients(12, { createdFrom: '2026/06/01' })).rejects.toMatchObject(
      {
        name: 'ValidationError',
        field: 'createdFrom',
      },
    );
    expect(page.items[0]).toEqual({
      id: 9,
      email: 'a@example.com',
      data: { name: 'Ana' },
      status: 'valid',
      statusCode: 1,
      reason: undefined,
      createdAt: new Date('2026-06-01T00:00:00Z'),
    });
  });

  it('delete sends the id', async () => {
    const { ses, backend } = recordingClient({ DeleteReceiver: empty });
    await ses.recipientGroups.delete(5);
    expect(backend.sent('DeleteReceiver')).toEqual([{ ReceiverId: 5 }]);
  });

  it('addRecipients chunks a 45,000-item async generator into 3 calls and sums the counters', async () => {
    const { ses, backend } = recordingClient({ CreateReceiverDetail: uploadAnswer });
    const progress: number[] = [];
    const result = await ses.recipientGroups.addRecipients(12, addresses(45_000), {
      onProgress: (p) => progress.push(p.sent),
    });
    const sent = backend.sent('CreateReceiverDetail');
    expect(sent.map((p) => (p.Emails as string[]).length)).toEqual([20_000, 20_000, 5_000]);
    expect(sent.every((p) => p.ReceiverId === 12)).toBe(true);
    expect((sent[2]?.Emails as string[] | undefined)?.at(-1)).toBe('user44999@example.com');
    expect(progress).toEqual([20_000, 40_000, 45_000]);
    expect(result).toEqual({
      totalCount: 45_000,
      validCount: 44_997,
      tooLongCount: 3,
      emptyEmailCount: 0,
      repeatCount: 0,
      sent: 45_000,
      calls: 3,
    });
  });

  it('addRecipients with data uses CreateReceiverDetailWithData and serialises each data object', async () => {
    const { ses, backend } = recordingClient({ CreateReceiverDetailWithData: uploadAnswer });
    const recipients: RecipientInput[] = [
      { email: 'a@example.com', data: { name: 'Ana', n: 1 } },
      { email: 'b@example.com', data: { name: 'Bo', n: 2 } },
      { email: 'c@example.com', data: {} },
    ];
    await ses.recipientGroups.addRecipients(7, recipients, { chunkSize: 2 });
    expect(backend.sent('CreateReceiverDetailWithData')).toEqual([
      {
        ReceiverId: 7,
        Datas: [
          { Email: 'a@example.com', TemplateData: '{"name":"Ana","n":"1"}' },
          { Email: 'b@example.com', TemplateData: '{"name":"Bo","n":"2"}' },
        ],
      },
      { ReceiverId: 7, Datas: [{ Email: 'c@example.com', TemplateData: '{}' }] },
    ]);
  });

  it('addRecipients rejects oversized data by index, before any call', async () => {
    const { ses, backend } = recordingClient({ CreateReceiverDetailWithData: uploadAnswer });
    const upload = ses.recipientGroups.addRecipients(7, [
      { email: 'a@example.com', data: { name: 'Ana' } },
      { email: 'b@example.com', data: { bio: 'x'.repeat(900) } },
    ]);
    await expect(upload).rejects.toBeInstanceOf(ValidationError);
    await expect(upload).rejects.toMatchObject({ field: 'recipients.1.data' });
    expect(backend.calls).toEqual([]);
  });

  it('addRecipients rejects mixing recipients with and without data', async () => {
    const { ses, backend } = recordingClient({ CreateReceiverDetail: uploadAnswer });
    const upload = ses.recipientGroups.addRecipients(7, [
      'a@example.com',
      { email: 'b@example.com', data: { x: 1 } },
    ]);
    await expect(upload).rejects.toMatchObject({ name: 'ValidationError', field: 'recipients.1' });
    expect(backend.calls).toEqual([]);
  });

  it('addRecipients applies per-call options to each upload call', async () => {
    const backend = new RecordingBackend({
      CreateReceiverDetail: () =>
        createApiError({
          code: 'RequestLimitExceeded',
          message: 'slow down',
          action: 'CreateReceiverDetail',
        }),
    });
    const ses = new SesClient({ backend, maxRetries: 2 });
    await expect(
      ses.recipientGroups.addRecipients(3, ['a@example.com'], { maxRetries: 0 }),
    ).rejects.toMatchObject({ code: 'RequestLimitExceeded' });
    expect(backend.calls).toHaveLength(1);
  });

  it('addRecipients waits and repeats a chunk the service refused as still processing', async () => {
    const { ses, backend } = recordingClient({
      CreateReceiverDetail: (p, i) =>
        i === 1
          ? createApiError({
              code: 'OperationDenied.ReceiverIsOperating',
              message: 'busy',
              action: 'CreateReceiverDetail',
            })
          : uploadAnswer(p),
      ListReceivers: (_p, i) => ({
        TotalCount: 1,
        Data: [{ ReceiverId: 3, ReceiversStatus: i === 0 ? 2 : 3 }],
      }),
    });
    const result = await ses.recipientGroups.addRecipients(3, ['a@example.com', 'b@example.com'], {
      chunkSize: 1,
      wait: { intervalMs: 1 },
    });
    expect(backend.calls.map((c) => c.action)).toEqual([
      'CreateReceiverDetail',
      'CreateReceiverDetail',
      'ListReceivers',
      'ListReceivers',
      'CreateReceiverDetail',
    ]);
    expect(result.calls).toBe(2);
    expect(backend.sent('CreateReceiverDetail').map((p) => p.Emails)).toEqual([
      ['a@example.com'],
      ['b@example.com'],
      ['b@example.com'],
    ]);
  });

  it('waitUntilUploaded polls until the status is complete', async () => {
    const { ses, backend } = recordingClient({
      ListReceivers: (_p, i) => ({
        TotalCount: 1,
        Data: [{ ReceiverId: 4, ReceiversStatus: i < 2 ? 2 : 3 }],
      }),
    });
    const group = await ses.recipientGroups.waitUntilUploaded(4, { intervalMs: 1 });
    expect(group.status).toBe('complete');
    expect(backend.sent('ListReceivers')).toHaveLength(3);
  });

  it('waitUntilUploaded gives up with TimeoutError, and stops on abort', async () => {
    const { ses } = recordingClient({
      ListReceivers: () => ({ TotalCount: 1, Data: [{ ReceiverId: 4, ReceiversStatus: 2 }] }),
    });
    await expect(
      ses.recipientGroups.waitUntilUploaded(4, { intervalMs: 50, timeoutMs: 0 }),
    ).rejects.toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const waiting = ses.recipientGroups.waitUntilUploaded(4, {
      intervalMs: 10_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 5);
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });
});
