import { type BatchSchedule, HttpBackend, SesClient, ValidationError } from '@ses-cli/sdk';
import { describe, expect, it } from 'vitest';
import { RecordingBackend, recordingClient } from './recording-backend.js';

const sendAnswers = {
  SendEmail: () => ({ MessageId: 'qcloudses-30-1-date-20260601-abc' }),
  BatchSendEmail: () => ({ TaskId: 77 }),
};

describe('ses.emails.send', () => {
  it('maps every camelCase field to the SendEmail wire payload', async () => {
    const { ses, backend } = recordingClient(sendAnswers);
    const result = await ses.emails.send({
      from: 'Acme <noreply@mail.acme.com>',
      to: ['ana@example.com', 'bo@example.com'],
      cc: 'cc@example.com',
      bcc: ['audit@example.com'],
      replyTo: 'support@acme.com',
      subject: 'Your code {{code}}',
      template: { id: 100, data: { code: 123456, name: 'Ana' } },
      attachments: [
        { filename: 'a.txt', content: 'hello' },
        { filename: 'b.bin', content: Buffer.from([0, 1, 2]) },
      ],
      unsubscribe: 'en',
      trigger: true,
      headers: { 'X-Campaign': 'june' },
      smtpMessageId: '<id@acme.com>',
      headerFrom: 'Acme <hello@mail.acme.com>',
    });
    expect(result).toEqual({ messageId: 'qcloudses-30-1-date-20260601-abc', requestId: 'req-1' });
    expect(backend.sent('SendEmail')).toEqual([
      {
        FromEmailAddress: 'Acme <noreply@mail.acme.com>',
        Destination: ['ana@example.com', 'bo@example.com'],
        Cc: ['cc@example.com'],
        Bcc: ['audit@example.com'],
        ReplyToAddresses: 'support@acme.com',
        Subject: 'Your code {{code}}',
        Template: { TemplateID: 100, TemplateData: '{"code":"123456","name":"Ana"}' },
        Attachments: [
          { FileName: 'a.txt', Content: Buffer.from('hello').toString('base64') },
          { FileName: 'b.bin', Content: 'AAEC' },
        ],
        Unsubscribe: '2',
        TriggerType: 1,
        SmtpHeaders: '{"X-Campaign":"june"}',
        SmtpMessageId: '<id@acme.com>',
        HeaderFrom: 'Acme <hello@mail.acme.com>',
      },
    ]);
  });

  it('sends only what was given, with {} as TemplateData when there are no values', async () => {
    const { ses, backend } = recordingClient(sendAnswers);
    await ses.emails.send({
      from: 'noreply@mail.acme.com',
      to: 'ana@example.com',
      subject: 'Hi',
      template: { id: 1 },
    });
    expect(backend.sent('SendEmail')).toEqual([
      {
        FromEmailAddress: 'noreply@mail.acme.com',
        Destination: ['ana@example.com'],
        Subject: 'Hi',
        Template: { TemplateID: 1, TemplateData: '{}' },
      },
    ]);
  });

  const base = { from: 'noreply@mail.acme.com', subject: 'Hi', template: { id: 1 } } as const;
  const bad: [string, Record<string, unknown>, string][] = [
    ['an invalid recipient address', { to: ['ok@example.com', 'not-an-address'] }, 'to.1'],
    ['more than 50 recipients', { to: Array.from({ length: 51 }, (_, i) => `u${i}@example.com`) }, 'to'],
    [
      'more than 20 cc',
      { to: 'a@example.com', cc: Array.from({ length: 21 }, (_, i) => `c${i}@example.com`) },
      'cc',
    ],
    ['no recipient at all', {}, 'to'],
    ['bcc repeating a to address', { to: 'a@example.com', bcc: 'A@example.com' }, 'bcc'],
    ['an invalid sender', { to: 'a@example.com', from: 'Acme<noreply@mail.acme.com>' }, 'from'],
    ['an empty subject', { to: 'a@example.com', subject: '' }, 'subject'],
    ['a second reply-to', { to: 'a@example.com', replyTo: 'a@example.com, b@example.com' }, 'replyTo'],
    [
      'oversized template data',
      { to: 'a@example.com', template: { id: 1, data: { blob: 'x'.repeat(801) } } },
      'template.data',
    ],
    [
      'HTML in template data',
      { to: 'a@example.com', template: { id: 1, data: { n: '<b>x</b>' } } },
      'template.data',
    ],
    ['a non-integer template id', { to: 'a@example.com', template: { id: 1.5 } }, 'template.id'],
    [
      'more than 10 attachments',
      {
        to: 'a@example.com',
        attachments: Array.from({ length: 11 }, (_, i) => ({ filename: `${i}`, content: 'x' })),
      },
      'attachments',
    ],
    [
      'an empty attachment name',
      { to: 'a@example.com', attachments: [{ filename: '', content: 'x' }] },
      'attachments.0.filename',
    ],
    [
      'CR/LF in an attachment name',
      { to: 'a@example.com', attachments: [{ filename: 'a.txt\r\nBcc: x', content: 'x' }] },
      'attachments.0.filename',
    ],
    [
      'CR/LF in an extra header value',
      { to: 'a@example.com', headers: { 'X-Campaign': 'a\r\nBcc: victim@example.net' } },
      'headers.X-Campaign',
    ],
    ['CR/LF in an extra header name', { to: 'a@example.com', headers: { 'X-A\r\nBcc': 'x' } }, 'headers'],
    ['a colon in an extra header name', { to: 'a@example.com', headers: { 'X-A: b': 'x' } }, 'headers'],
    ['an empty extra header name', { to: 'a@example.com', headers: { '': 'x' } }, 'headers'],
    ['an unknown unsubscribe language', { to: 'a@example.com', unsubscribe: 'xx' }, 'unsubscribe'],
    [
      'CR/LF in a header value (wire-level check, renamed)',
      { to: 'a@example.com', headerFrom: 'a\r\nBcc: x' },
      'headerFrom',
    ],
  ];

  it.each(bad)(
    'rejects %s with a ValidationError naming the field, without sending',
    async (_, override, field) => {
      const { ses, backend } = recordingClient(sendAnswers);
      const send = ses.emails.send({ ...base, ...override } as Parameters<typeof ses.emails.send>[0]);
      await expect(send).rejects.toBeInstanceOf(ValidationError);
      await expect(send).rejects.toMatchObject({ field });
      expect(backend.calls).toEqual([]);
    },
  );

  it('rejects unknown template variables when the template is known to the client', async () => {
    const { ses, backend } = recordingClient({
      ...sendAnswers,
      GetEmailTemplate: () => ({
        TemplateName: 'otp',
        TemplateStatus: 0,
        TemplateContent: { Text: Buffer.from('Your code is {{code}}').toString('base64') },
      }),
    });
    await ses.templates.get(5);
    const send = ses.emails.send({
      from: 'noreply@mail.acme.com',
      to: 'a@example.com',
      subject: 'Hello {{name}}',
      template: { id: 5, data: { code: '1', name: 'Ana', coupon: 'X' } },
    });
    await expect(send).rejects.toMatchObject({ name: 'ValidationError', field: 'template.data' });
    await expect(send).rejects.toThrow(/coupon/);
    expect(backend.sent('SendEmail')).toEqual([]);
    // Subject variables are allowed keys too.
    await ses.emails.send({
      from: 'noreply@mail.acme.com',
      to: 'a@example.com',
      subject: 'Hello {{name}}',
      template: { id: 5, data: { code: '1', name: 'Ana' } },
    });
    expect(backend.sent('SendEmail')).toHaveLength(1);
    // Leaving the data out is no way around it: the variables still need values.
    const bare = ses.emails.send({
      from: 'noreply@mail.acme.com',
      to: 'a@example.com',
      subject: 'Hello',
      template: { id: 5 },
    });
    await expect(bare).rejects.toMatchObject({ name: 'ValidationError', field: 'template.data' });
    await expect(bare).rejects.toThrow(/code/);
    expect(backend.sent('SendEmail')).toHaveLength(1);
  });
});

describe('ses.emails.batchSend', () => {
  const base = { from: 'news@mail.acme.com', groupId: 12, subject: 'June', template: { id: 101 } } as const;

  it('sends now as an immediate task (TaskType 1)', async () => {
    const { ses, backend } = recordingClient(sendAnswers);
    const result = await ses.emails.batchSend({
      ...base,
      adLocation: 'prefix',
      unsubscribe: 'zh-CN',
      replyTo: 'r@acme.com',
    });
    expect(result).toEqual({ taskId: 77, requestId: 'req-1' });
    expect(backend.sent('BatchSendEmail')).toEqual([
      {
        FromEmailAddress: 'news@mail.acme.com',
        ReceiverId: 12,
        Subject: 'June',
        ReplyToAddresses: 'r@acme.com',
        Template: { TemplateID: 101, TemplateData: '{}' },
        Unsubscribe: '1',
        ADLocation: 1,
        TaskType: 1,
      },
    ]);
  });

  it('schedules one run (TaskType 2) with the time in UTC+8', async () => {
    const { ses, backend } = recordingClient(sendAnswers);
    await ses.emails.batchSend({ ...base, schedule: { at: new Date('2026-06-01T01:30:00Z') } });
    expect(backend.sent('BatchSendEmail')[0]).toMatchObject({
      TaskType: 2,
      TimedParam: { BeginTime: '2026-06-01 09:30:00' },
    });
  });

  it('repeats every N hours (TaskType 3), with an optional stop', async () => {
    const { ses, backend } = recordingClient(sendAnswers);
    await ses.emails.batchSend({ ...base, schedule: { every: 24, at: '2026-06-01 09:00:00' } });
    await ses.emails.batchSend({ ...base, schedule: { every: 24, at: '2026-06-01 09:00:00', stop: true } });
    const [first, second] = backend.sent('BatchSendEmail');
    expect(first).toMatchObject({
      TaskType: 3,
      CycleParam: { BeginTime: '2026-06-01 09:00:00', IntervalTime: 24 },
    });
    expect(first?.CycleParam).not.toHaveProperty('TermCycle');
    expect(second).toMatchObject({ CycleParam: { TermCycle: 1 } });
  });

  it("starts a recurrence without `at` one minute after the backend's now (an emulated clock too)", async () => {
    const backend = Object.assign(new RecordingBackend(sendAnswers), {
      now: () => new Date('2030-01-01T00:00:00Z'),
    });
    const ses = new SesClient({ backend });
    await ses.emails.batchSend({ ...base, schedule: { every: 6 } });
    expect(backend.sent('BatchSendEmail')[0]).toMatchObject({
      CycleParam: { BeginTime: '2030-01-01 08:01:00', IntervalTime: 6 },
    });
  });

  it('with a known template, refuses unknown keys but allows leaving variables to group data', async () => {
    const { ses, backend } = recordingClient({
      ...sendAnswers,
      CreateEmailTemplate: () => ({ TemplateID: 101 }),
    });
    await ses.templates.create({ name: 'news', text: 'Hi {{name}}, {{month}} news' });
    await ses.emails.batchSend({ ...base, template: { id: 101, data: { month: 'June' } } });
    expect(backend.sent('BatchSendEmail')[0]).toMatchObject({
      Template: { TemplateID: 101, TemplateData: '{"month":"June"}' },
    });
    await expect(
      ses.emails.batchSend({ ...base, template: { id: 101, data: { coupon: 'X' } } }),
    ).rejects.toMatchObject({
      field: 'template.data',
    });
    expect(backend.sent('BatchSendEmail')).toHaveLength(1);
  });

  it('rejects bad schedules and options before sending', async () => {
    const { ses, backend } = recordingClient(sendAnswers);
    await expect(ses.emails.batchSend({ ...base, schedule: { every: 0 } })).rejects.toMatchObject({
      field: 'schedule.every',
    });
    await expect(ses.emails.batchSend({ ...base, schedule: { at: '2026-06-01' } })).rejects.toMatchObject({
      field: 'schedule.at',
    });
    // `stop` belongs to a recurring schedule: the type refuses it on a one-time one, and so does the
    // runtime for JavaScript callers (it used to be dropped, the batch then sent as a new task).
    // @ts-expect-error `stop` on a one-time schedule
    const once: BatchSchedule = { at: '2027-06-01 09:00:00', stop: true };
    await expect(ses.emails.batchSend({ ...base, schedule: once })).rejects.toMatchObject({
      field: 'schedule.stop',
    });
    await expect(ses.emails.batchSend({ ...base, adLocation: 'middle' as 'prefix' })).rejects.toMatchObject({
      field: 'adLocation',
    });
    expect(backend.calls).toEqual([]);
  });
});

describe('unsubscribe languages by site', () => {
  it('numbers English 2 on the China site and 1 on the international site, both ways', async () => {
    const answers = {
      SendEmail: () => ({ MessageId: 'm' }),
      ListAddressUnsubscribeConfig: () => ({
        AddressUnsubscribeConfigList: [{ Address: 'a@mail.acme.com', UnsubscribeConfig: '1', Status: 1 }],
        Total: 1,
      }),
    };
    const send = { from: 'noreply@mail.acme.com', to: 'a@example.com', subject: 'Hi', template: { id: 1 } };
    for (const [site, english, codeOne] of [
      ['china', '2', 'zh-CN'],
      ['international', '1', 'en'],
    ] as const) {
      const backend = new RecordingBackend(answers);
      const ses = new SesClient({ backend, site, region: 'ap-singapore', maxRetries: 0 });
      await ses.emails.send({ ...send, unsubscribe: 'en' });
      expect(backend.sent('SendEmail')[0]?.Unsubscribe, site).toBe(english);
      const page = await ses.unsubscribeConfigs.list();
      expect(page.items[0]?.language, site).toBe(codeOne);
    }
    // The international site lists the codes up to 11: Vietnamese (12 in China) is not one of them.
    const intl = new RecordingBackend(answers);
    const send12 = new SesClient({
      backend: intl,
      site: 'international',
      region: 'ap-singapore',
    }).emails.send({
      ...send,
      unsubscribe: 'vi',
    });
    await expect(send12).rejects.toMatchObject({ name: 'ValidationError', field: 'unsubscribe' });
    expect(intl.calls).toEqual([]);
    // The region alone tells too: ap-singapore is only served by the international site.
    expect(new SesClient({ backend: new RecordingBackend({}), region: 'ap-singapore' }).site).toBe(
      'international',
    );
    // …and the default backend then talks to the international site's host.
    const lazy = new SesClient({ region: 'ap-singapore', env: {} }).backend as unknown as {
      load(): Promise<HttpBackend>;
    };
    expect((await lazy.load()).site).toBe('international');
    // A backend that says which site it serves sets the client's numbering too.
    expect(new SesClient({ backend: new HttpBackend({ site: 'international' }), env: {} }).site).toBe(
      'international',
    );
  });
});
