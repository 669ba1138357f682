import { describe, expect, it } from 'vitest';
import { recordingClient } from './recording-backend.js';

describe('ses.sendTasks', () => {
  const wireTask = {
    TaskId: 7,
    FromEmailAddress: 'news@mail.acme.com',
    ReceiverId: 12,
    ReceiversName: 'june',
    TaskStatus: 6,
    TaskType: 3,
    RequestCount: 1000,
    SendCount: 500,
    CacheCount: 500,
    CreateTime: '2026-06-01 09:00:00',
    UpdateTime: '',
    Subject: 'June',
    Template: { TemplateID: 101, TemplateData: '{"a":"1"}' },
    CycleParam: { BeginTime: '2026-06-01 09:00:00', IntervalTime: 24, TermCycle: 0 },
    TimedParam: null,
    ErrMsg: '',
  };

  it('list maps filters to codes and tasks to string unions with the raw codes', async () => {
    const { ses, backend } = recordingClient({ ListSendTasks: () => ({ TotalCount: 1, Data: [wireTask] }) });
    const page = await ses.sendTasks.list({
      status: 'paused-today',
      type: 'recurring',
      groupId: 12,
      limit: 5,
    });
    expect(backend.sent('ListSendTasks')).toEqual([
      { Status: 6, TaskType: 3, ReceiverId: 12, Offset: 0, Limit: 5 },
    ]);
    expect(page.items).toEqual([
      {
        id: 7,
        from: 'news@mail.acme.com',
        groupId: 12,
        groupName: 'june',
        subject: 'June',
        type: 'recurring',
        typeCode: 3,
        status: 'paused-today',
        statusCode: 6,
        requestCount: 1000,
        sendCount: 500,
        cacheCount: 500,
        template: { id: 101, data: { a: '1' } },
        schedule: { at: new Date('2026-06-01T01:00:00Z'), everyHours: 24, stopped: false },
        error: undefined,
        createdAt: new Date('2026-06-01T01:00:00Z'),
        updatedAt: undefined,
      },
    ]);
  });

  it('get finds a task by id across pages', async () => {
    const { ses, backend } = recordingClient({
      ListSendTasks: (p) => ({
        TotalCount: 150,
        Data: Array.from({ length: p.Offset === 0 ? 100 : 50 }, (_, i) => ({
          ...wireTask,
          TaskId: (p.Offset as number) + i + 1,
          TaskType: 2,
          CycleParam: null,
          TimedParam: { BeginTime: '2026-06-02 10:00:00' },
        })),
      }),
    });
    const task = await ses.sendTasks.get(120);
    expect(task).toMatchObject({
      id: 120,
      type: 'scheduled',
      schedule: { at: new Date('2026-06-02T02:00:00Z') },
    });
    expect(backend.sent('ListSendTasks').map((p) => p.Offset)).toEqual([0, 100]);
  });
});

describe('ses.sendStatus', () => {
  it('maps the day and filters, and names send/deliver statuses with their codes', async () => {
    const { ses, backend } = recordingClient({
      GetSendEmailStatus: () => ({
        EmailStatusList: [
          {
            MessageId: 'm1',
            ToEmailAddress: 'a@example.com',
            FromEmailAddress: 'noreply@mail.acme.com',
            SendStatus: 1006,
            DeliverStatus: 8,
            DeliverMessage: 'try later',
            RequestTime: 1_780_000_000_000,
            DeliverTime: 0,
            UserOpened: false,
            UserClicked: true,
            UserUnsubscribed: false,
            UserComplainted: true,
          },
        ],
      }),
    });
    const page = await ses.sendStatus.list({
      date: new Date('2026-05-31T20:00:00Z'),
      messageId: 'm1',
      to: 'a@example.com',
    });
    expect(backend.sent('GetSendEmailStatus')).toEqual([
      { RequestDate: '2026-06-01', MessageId: 'm1', ToEmailAddress: 'a@example.com', Offset: 0, Limit: 100 },
    ]);
    expect(page.totalCount).toBeUndefined();
    expect(page.items).toEqual([
      {
        messageId: 'm1',
        to: 'a@example.com',
        from: 'noreply@mail.acme.com',
        sendStatus: 'frequency-limited',
        sendStatusCode: 1006,
        deliverStatus: 'deferred',
        deliverStatusCode: 8,
        deliverMessage: 'try later',
        requestedAt: new Date(1_780_000_000_000),
        deliveredAt: undefined,
        opened: false,
        clicked: true,
        unsubscribed: false,
        complained: true,
      },
    ]);
  });

  it('reads RequestTime/DeliverTime in seconds or milliseconds', async () => {
    const { ses } = recordingClient({
      GetSendEmailStatus: () => ({
        EmailStatusList: [{ MessageId: 'm', RequestTime: 1_780_000_000, DeliverTime: 1_780_000_001_500 }],
      }),
    });
    const [status] = (await ses.sendStatus.list({ date: '2026-06-01' })).items;
    expect(status?.requestedAt).toEqual(new Date(1_780_000_000_000));
    expect(status?.deliveredAt).toEqual(new Date(1_780_000_001_500));
  });

  it('pages until a short page, since the action reports no total', async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({
      MessageId: `m${i}`,
      SendStatus: 0,
      DeliverStatus: 1,
    }));
    const { ses, backend } = recordingClient({
      GetSendEmailStatus: (p) => ({
        EmailStatusList: all.slice(p.Offset as number, (p.Offset as number) + (p.Limit as number)),
      }),
    });
    const ids: string[] = [];
    for await (const s of ses.sendStatus.list({ date: '2026-06-01', limit: 2 })) ids.push(s.messageId);
    expect(ids).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(backend.sent('GetSendEmailStatus').map((p) => p.Offset)).toEqual([0, 2, 4]);
  });

  it('rejects a malformed date before sending', async () => {
    const { ses, backend } = recordingClient({ GetSendEmailStatus: () => ({}) });
    await expect(ses.sendStatus.list({ date: '2026/06/01' })).rejects.toMatchObject({ field: 'date' });
    expect(backend.calls).toEqual([]);
  });
});

describe('ses.statistics', () => {
  it('maps the range and filters, and volumes to camelCase', async () => {
    const { ses, backend } = recordingClient({
      GetStatisticsReport: () => ({
        DailyVolumes: [
          {
            SendDate: '2026-06-01',
            RequestCount: 10,
            AcceptedCount: 9,
            DeliveredCount: 8,
            OpenedCount: 5,
            ClickedCount: 2,
            BounceCount: 1,
            UnsubscribeCount: 0,
          },
        ],
        OverallVolume: { RequestCount: 10, AcceptedCount: 9, DeliveredCount: 8 },
      }),
    });
    const report = await ses.statistics.get({
      startDate: '2026-06-01',
      endDate: new Date('2026-06-07T12:00:00Z'),
      domain: 'mail.acme.com',
      recipientDomain: 'gmail.com',
    });
    expect(backend.sent('GetStatisticsReport')).toEqual([
      {
        StartDate: '2026-06-01',
        EndDate: '2026-06-07',
        Domain: 'mail.acme.com',
        ReceivingMailboxType: 'gmail.com',
      },
    ]);
    expect(report).toEqual({
      daily: [
        {
          date: '2026-06-01',
          requested: 10,
          accepted: 9,
          delivered: 8,
          opened: 5,
          clicked: 2,
          bounced: 1,
          unsubscribed: 0,
        },
      ],
      overall: {
        date: undefined,
        requested: 10,
        accepted: 9,
        delivered: 8,
        opened: 0,
        clicked: 0,
        bounced: 0,
        unsubscribed: 0,
      },
      requestId: 'req-1',
    });
  });
});

describe('ses.abuseReports', () => {
  it('maps filters (template id as a string) and reports, allowing pages up to 1000', async () => {
    const { ses, backend } = recordingClient({
      GetAbuseReport: () => ({
        TotalCount: 1,
        Data: [
          {
            MessageId: 'mid',
            BulkId: 'bulk',
            OriginalMailFrom: 'noreply@mail.acme.com',
            OriginalRcptTo: 'a@example.com',
            FromDomain: 'mail.acme.com',
            Mta: 'example.com',
            Subject: 'June',
            TemplateId: '101',
            SourceIp: '10.0.0.1',
            DeliverTime: '2026-06-01 09:00:00',
            ComplainTime: '2026-06-01 10:00:00',
            AbuseTime: '2026-06-01 10:00:00',
            InsertTime: '2026-06-01 10:01:00',
          },
        ],
      }),
    });
    const page = await ses.abuseReports.list({
      startDate: '2026-06-01',
      endDate: '2026-06-02',
      fromDomain: 'mail.acme.com',
      fromAddress: 'noreply@mail.acme.com',
      recipientDomain: 'example.com',
      toAddress: 'a@example.com',
      templateId: 101,
      limit: 1000,
    });
    expect(backend.sent('GetAbuseReport')).toEqual([
      {
        StartTime: '2026-06-01',
        EndTime: '2026-06-02',
        FromDomain: 'mail.acme.com',
        FromAddress: 'noreply@mail.acme.com',
        Mta: 'example.com',
        ToAddress: 'a@example.com',
        TemplateId: '101',
        Offset: 0,
        Limit: 1000,
      },
    ]);
    expect(page.items[0]).toEqual({
      messageId: 'mid',
      bulkId: 'bulk',
      from: 'noreply@mail.acme.com',
      to: 'a@example.com',
      fromDomain: 'mail.acme.com',
      recipientDomain: 'example.com',
      subject: 'June',
      templateId: '101',
      sourceIp: '10.0.0.1',
      deliverTime: '2026-06-01 09:00:00',
      complainTime: '2026-06-01 10:00:00',
      abuseTime: '2026-06-01 10:00:00',
      insertTime: '2026-06-01 10:01:00',
    });
  });
});

describe('validation errors of list and report calls', () => {
  it('name the camelCase option the caller wrote, not the wire field', async () => {
    const { ses, backend } = recordingClient();
    const field = async (call: PromiseLike<unknown>) =>
      ((await Promise.resolve(call).catch((error: unknown) => error)) as { field?: string }).field;
    expect(await field(ses.sendTasks.list({ groupId: -1 }))).toBe('groupId');
    expect(await field(ses.blacklist.remove([]))).toBe('emails');
    expect(await field(ses.recipientGroups.listRecipients(1, { email: 'x'.repeat(51) }))).toBe('email');
    expect(backend.calls).toEqual([]);
  });
});
