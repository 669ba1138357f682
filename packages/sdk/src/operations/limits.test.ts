import { describe, expect, it } from 'vitest';
import { type ActionName, operations, type WireInput } from './index.js';

/** `path: message` of every issue, or [] when the input is accepted. */
function problems<A extends ActionName>(action: A, input: WireInput<A> | Record<string, unknown>): string[] {
  const parsed = operations[action].input.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const addresses = (n: number, domain = 'example.com') =>
  Array.from({ length: n }, (_, i) => `u${i}@${domain}`);

const send = {
  FromEmailAddress: 'noreply@mail.example.com',
  Destination: ['user@example.com'],
  Subject: 'Hello',
  Template: { TemplateID: 100, TemplateData: '{}' },
};

describe('SendEmail recipients', () => {
  it('accepts 50 recipients and rejects 51', () => {
    expect(problems('SendEmail', { ...send, Destination: addresses(50) })).toEqual([]);
    expect(problems('SendEmail', { ...send, Destination: addresses(51) })).toEqual([
      'Destination: at most 50 recipients',
    ]);
  });

  it('accepts 20 Cc/Bcc and rejects 21', () => {
    expect(problems('SendEmail', { ...send, Cc: addresses(20), Bcc: addresses(20, 'b.example') })).toEqual(
      [],
    );
    expect(problems('SendEmail', { ...send, Cc: addresses(21) })).toEqual(['Cc: at most 20 Cc recipients']);
    expect(problems('SendEmail', { ...send, Bcc: addresses(21, 'b.example') })).toEqual([
      'Bcc: at most 20 Bcc recipients',
    ]);
  });

  it('needs at least one of Destination, Cc or Bcc', () => {
    const { Destination: _, ...noTo } = send;
    expect(problems('SendEmail', noTo)).toEqual([
      'Destination: at least one recipient in Destination, Cc or Bcc',
    ]);
    expect(problems('SendEmail', { ...send, Destination: [] })).toEqual([
      'Destination: at least one recipient in Destination, Cc or Bcc',
    ]);
    expect(problems('SendEmail', { ...noTo, Bcc: ['hidden@example.com'] })).toEqual([]);
  });

  it('rejects a Bcc that repeats a Destination address, whatever its case', () => {
    expect(problems('SendEmail', { ...send, Bcc: ['USER@example.com'] })).toEqual([
      'Bcc: must not overlap Destination (USER@example.com is in both)',
    ]);
  });

  it('rejects an invalid recipient address', () => {
    expect(problems('SendEmail', { ...send, Destination: ['not-an-address'] })).toEqual([
      'Destination.0: must be a valid email address',
    ]);
  });
});

describe('SendEmail headers and content', () => {
  it('takes a subject of 1–100 characters, counted as characters not bytes', () => {
    expect(problems('SendEmail', { ...send, Subject: '邮'.repeat(100) })).toEqual([]);
    expect(problems('SendEmail', { ...send, Subject: 'x'.repeat(101) })).toEqual([
      'Subject: must be 1–100 characters',
    ]);
    expect(problems('SendEmail', { ...send, Subject: '' })).toEqual(['Subject: must be 1–100 characters']);
  });

  it.each(['Hi\r\nBcc: victim@example.com', 'Hi\nX', 'Hi\rX'])(
    'rejects CR/LF in the subject (%j)',
    (subject) => {
      expect(problems('SendEmail', { ...send, Subject: subject })).toContain(
        'Subject: must not contain CR or LF (header injection)',
      );
    },
  );

  it('accepts "Alias <addr>" and rejects the malformed sender forms', () => {
    expect(
      problems('SendEmail', { ...send, FromEmailAddress: 'Qcloud Team <noreply@mail.example.com>' }),
    ).toEqual([]);
    expect(
      problems('SendEmail', { ...send, FromEmailAddress: 'Re: news <noreply@mail.example.com>' }),
    ).toEqual(['FromEmailAddress: sender alias must not contain ":"']);
    expect(problems('SendEmail', { ...send, FromEmailAddress: 'Qcloud<noreply@mail.example.com>' })).toEqual([
      'FromEmailAddress: must be "address" or "Alias <address>" with exactly one space before "<"',
    ]);
    expect(
      problems('SendEmail', { ...send, FromEmailAddress: 'Qcloud  <noreply@mail.example.com>' }),
    ).toEqual(['FromEmailAddress: must be "address" or "Alias <address>" with exactly one space before "<"']);
    expect(
      problems('SendEmail', { ...send, FromEmailAddress: 'Qcloud\r\n <noreply@mail.example.com>' }),
    ).toEqual(['FromEmailAddress: must not contain CR or LF (header injection)']);
  });

  it('takes exactly one reply-to address', () => {
    expect(problems('SendEmail', { ...send, ReplyToAddresses: 'reply@example.com' })).toEqual([]);
    expect(problems('SendEmail', { ...send, ReplyToAddresses: 'a@example.com,b@example.com' })).toEqual([
      'ReplyToAddresses: one address only',
    ]);
    expect(
      problems('SendEmail', { ...send, ReplyToAddresses: 'a@example.com\r\nBcc: x@example.com' }),
    ).toContain('ReplyToAddresses: must not contain CR or LF (header injection)');
  });

  it('accepts 10 attachments and rejects 11, long names and CR/LF in names', () => {
    const file = { FileName: 'a.txt', Content: 'aGk=' };
    expect(problems('SendEmail', { ...send, Attachments: Array(10).fill(file) })).toEqual([]);
    expect(problems('SendEmail', { ...send, Attachments: Array(11).fill(file) })).toEqual([
      'Attachments: at most 10 attachments',
    ]);
    expect(problems('SendEmail', { ...send, Attachments: [{ FileName: `${'n'.repeat(252)}.txt` }] })).toEqual(
      ['Attachments.0.FileName: at most 255 characters'],
    );
    expect(problems('SendEmail', { ...send, Attachments: [{ FileName: 'a\r\n.txt' }] })).toEqual([
      'Attachments.0.FileName: must not contain CR or LF (header injection)',
    ]);
  });

  it('takes Unsubscribe "0"–"12" and TriggerType 0|1 only', () => {
    expect(problems('SendEmail', { ...send, Unsubscribe: '12', TriggerType: 1 })).toEqual([]);
    expect(problems('SendEmail', { ...send, Unsubscribe: '13' })).toEqual([
      'Unsubscribe: must be a language code "0"–"12"',
    ]);
    expect(problems('SendEmail', { ...send, TriggerType: 2 })).toEqual([
      'TriggerType: must be 0 (non-trigger) or 1 (trigger)',
    ]);
  });

  it('rejects an unknown field inside a nested object', () => {
    expect(
      problems('SendEmail', { ...send, Template: { TemplateID: 1, TemplateData: '{}', Extra: 1 } }),
    ).toEqual(['Template: Unrecognized key: "Extra"']);
  });
});

describe('BatchSendEmail', () => {
  const batch = { FromEmailAddress: 'noreply@mail.example.com', ReceiverId: 1, Subject: 'Hi', TaskType: 1 };

  it('checks enum values and time formats', () => {
    expect(problems('BatchSendEmail', { ...batch, TaskType: 4 })).toEqual([
      'TaskType: must be 1 (immediate), 2 (scheduled) or 3 (recurring)',
    ]);
    expect(problems('BatchSendEmail', { ...batch, ADLocation: 3 })).toEqual([
      'ADLocation: must be 0 (no ad label), 1 (before) or 2 (after the subject)',
    ]);
    expect(
      problems('BatchSendEmail', { ...batch, TaskType: 2, TimedParam: { BeginTime: '2023-09-07T15:10:00' } }),
    ).toEqual(['TimedParam.BeginTime: must be YYYY-MM-DD HH:mm:ss']);
    expect(
      problems('BatchSendEmail', {
        ...batch,
        TaskType: 3,
        CycleParam: { BeginTime: '2023-09-07 15:10:00', IntervalTime: 0 },
      }),
    ).toEqual(['CycleParam.IntervalTime: at least 1 hour']);
  });

  it('leaves type-dependent rules to the service (TaskType 2 without TimedParam parses)', () => {
    expect(problems('BatchSendEmail', { ...batch, TaskType: 2 })).toEqual([]);
  });
});

describe('recipient uploads', () => {
  it('accepts 20,000 emails per call and rejects 20,001', () => {
    expect(problems('CreateReceiverDetail', { ReceiverId: 1, Emails: addresses(20_000) })).toEqual([]);
    expect(problems('CreateReceiverDetail', { ReceiverId: 1, Emails: addresses(20_001) })).toEqual([
      'Emails: at most 20,000 per call',
    ]);
  });

  it('rejects 20,001 Datas', () => {
    const datas = addresses(20_001).map((Email) => ({ Email, TemplateData: '{}' }));
    expect(problems('CreateReceiverDetailWithData', { ReceiverId: 1, Datas: datas })).toEqual([
      'Datas: at most 20,000 per call',
    ]);
  });

  it('caps TemplateData at 800 UTF-8 bytes, not characters', () => {
    const json = (value: string) => JSON.stringify({ v: value });
    const at800 = json('x'.repeat(800 - json('').length));
    const at801 = json('x'.repeat(801 - json('').length));
    const multiByte = json('邮'.repeat(267)); // 267 characters, 3 bytes each: 809 bytes
    expect(Buffer.byteLength(at800)).toBe(800);
    const upload = (TemplateData: string) =>
      problems('CreateReceiverDetailWithData', {
        ReceiverId: 1,
        Datas: [{ Email: 'a@example.com', TemplateData }],
      });
    expect(upload(at800)).toEqual([]);
    expect(upload(at801)).toEqual(['Datas.0.TemplateData: at most 800 bytes (UTF-8)']);
    expect(multiByte.length).toBeLessThan(800);
    expect(upload(multiByte)).toEqual(['Datas.0.TemplateData: at most 800 bytes (UTF-8)']);
    // The same rule for a send's template, as the resources apply it.
    const sendWith = (TemplateData: string) =>
      problems('SendEmail', { ...send, Template: { TemplateID: 1, TemplateData } });
    expect(sendWith(at800)).toEqual([]);
    expect(sendWith(multiByte)).toEqual(['Template.TemplateData: at most 800 bytes (UTF-8)']);
    const batch = { FromEmailAddress: 'noreply@mail.example.com', ReceiverId: 1, Subject: 'Hi', TaskType: 1 };
    expect(
      problems('BatchSendEmail', { ...batch, Template: { TemplateID: 1, TemplateData: at801 } }),
    ).toEqual(['Template.TemplateData: at most 800 bytes (UTF-8)']);
  });

  it.each(['not json', '[1,2]', 'null', '"text"'])(
    'requires TemplateData to be a JSON object string (%j)',
    (data) => {
      expect(
        problems('CreateReceiverDetailWithData', {
          ReceiverId: 1,
          Datas: [{ Email: 'a@example.com', TemplateData: data }],
        }),
      ).toEqual(['Datas.0.TemplateData: must be a JSON object string, e.g. {"name":"Ana"}']);
    },
  );

  it('rejects an empty upload and a Desc over 300 characters', () => {
    expect(problems('CreateReceiverDetail', { ReceiverId: 1, Emails: [] })).toEqual(['Emails: at least one']);
    expect(problems('CreateReceiver', { ReceiversName: 'x', Desc: 'd'.repeat(301) })).toEqual([
      'Desc: must be 1–300 characters',
    ]);
  });
});

describe('pages', () => {
  it.each([
    ['ListEmailTemplates', { Offset: 0 }],
    ['ListReceivers', { Offset: 0 }],
    ['ListReceiverDetails', { ReceiverId: 1, Offset: 0 }],
    ['ListSendTasks', { Offset: 0 }],
    ['GetSendEmailStatus', { RequestDate: '2021-01-01', Offset: 0 }],
    ['ListBlackEmailAddress', { StartDate: '2021-01-01', EndDate: '2021-01-02', Offset: 0 }],
    ['ListCustomBlacklist', { Offset: 0, Status: 2 }],
  ] as const)('%s takes Limit 100 and rejects 101', (action, rest) => {
    expect(problems(action, { ...rest, Limit: 100 })).toEqual([]);
    expect(problems(action, { ...rest, Limit: 101 })).toEqual(['Limit: at most 100']);
    expect(problems(action, { ...rest, Limit: 1.5 })).toEqual(['Limit: must be an integer']);
    expect(problems(action, { ...rest, Limit: -1 })).toEqual(['Limit: must not be negative']);
  });

  it('ListAddressUnsubscribeConfig takes Limit as a string up to "100"', () => {
    expect(problems('ListAddressUnsubscribeConfig', { Limit: '100' })).toEqual([]);
    expect(problems('ListAddressUnsubscribeConfig', { Limit: '101' })).toEqual(['Limit: at most 100']);
    expect(problems('ListAddressUnsubscribeConfig', { Limit: 10 })).toEqual([
      'Limit: Invalid input: expected string, received number',
    ]);
  });

  it('GetAbuseReport takes Limit up to 1000', () => {
    const range = { StartTime: '2025-10-14', EndTime: '2025-10-15' };
    expect(problems('GetAbuseReport', { ...range, Limit: 1000 })).toEqual([]);
    expect(problems('GetAbuseReport', { ...range, Limit: 1001 })).toEqual(['Limit: at most 1000']);
    expect(problems('GetAbuseReport', { StartTime: '14/10/2025', EndTime: '2025-10-15' })).toEqual([
      'StartTime: must be YYYY-MM-DD or YYYY-MM-DD HH:mm:ss',
    ]);
  });

  it('ListEmailAddress takes no parameters', () => {
    expect(problems('ListEmailAddress', {})).toEqual([]);
    expect(problems('ListEmailAddress', { Limit: 10 })).toEqual([': Unrecognized key: "Limit"']);
  });
});

describe('dates and enums', () => {
  it.each(['2024-02-30', '2024-13-01', '2024-1-01', '20240101', '2024-01-01 00:00:00', ''])(
    'rejects the date %j',
    (date) => {
      expect(problems('GetStatisticsReport', { StartDate: date, EndDate: '2024-01-02' })).toEqual([
        'StartDate: must be YYYY-MM-DD',
      ]);
    },
  );

  it('accepts a leap day', () => {
    expect(problems('GetStatisticsReport', { StartDate: '2024-02-29', EndDate: '2024-03-01' })).toEqual([]);
  });

  it('checks the DKIM option per action', () => {
    expect(problems('CreateEmailIdentity', { EmailIdentity: 'mail.example.com', DKIMOption: 2 })).toEqual([
      'DKIMOption: must be 0 (1024-bit) or 1 (2048-bit)',
    ]);
    expect(problems('UpdateEmailIdentity', { EmailIdentity: 'mail.example.com', DKIMOption: 2 })).toEqual([]);
    expect(problems('UpdateEmailIdentity', { EmailIdentity: 'mail.example.com', DKIMOption: 3 })).toEqual([
      'DKIMOption: must be 0 (1024-bit), 1 (2048-bit) or 2 (both)',
    ]);
  });

  it('checks address-level unsubscribe codes "0"–"10" and status 0|1', () => {
    const config = { Address: 'noreply@mail.example.com', UnsubscribeConfig: '10', Status: 1 };
    expect(problems('CreateAddressUnsubscribeConfig', config)).toEqual([]);
    expect(problems('CreateAddressUnsubscribeConfig', { ...config, UnsubscribeConfig: '11' })).toEqual([
      'UnsubscribeConfig: must be a language code "0"–"10"',
    ]);
    expect(problems('UpdateAddressUnsubscribeConfig', { ...config, Status: 2 })).toEqual([
      'Status: must be 0 (off) or 1 (on)',
    ]);
  });

  it('allows an empty ExpireDate (never expires) when updating a custom blacklist entry', () => {
    expect(problems('UpdateCustomBlackList', { Id: 1, Email: 'a@example.com', ExpireDate: '' })).toEqual([]);
    expect(
      problems('UpdateCustomBlackList', { Id: 1, Email: 'a@example.com', ExpireDate: '2026/01/01' }),
    ).toEqual(['ExpireDate: must be YYYY-MM-DD (empty = never expires)']);
  });
});

describe('SMTP password', () => {
  it('caps the password at 64 and the address at 128 characters', () => {
    const address = `${'a'.repeat(60)}@${'b'.repeat(60)}.example.com`;
    expect(address.length).toBeGreaterThan(128);
    expect(
      problems('UpdateEmailSmtpPassWord', { Password: 'p'.repeat(64), EmailAddress: 'a@example.com' }),
    ).toEqual([]);
    expect(
      problems('UpdateEmailSmtpPassWord', { Password: 'p'.repeat(65), EmailAddress: 'a@example.com' }),
    ).toEqual(['Password: at most 64 characters']);
    expect(problems('UpdateEmailSmtpPassWord', { Password: 'secret', EmailAddress: address })).toEqual([
      'EmailAddress: at most 128 characters',
    ]);
  });
});
