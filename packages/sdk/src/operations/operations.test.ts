import { describe, expect, it } from 'vitest';
import { type ActionName, actionNames, isActionName, operations, type WireInput } from './index.js';

/** The 36 actions of the API reference (§3.1–§3.12), spelled exactly as the API spells them. */
const REFERENCE_ACTIONS = [
  'CreateEmailIdentity',
  'GetEmailIdentity',
  'ListEmailIdentities',
  'UpdateEmailIdentity',
  'DeleteEmailIdentity',
  'CreateEmailAddress',
  'ListEmailAddress',
  'DeleteEmailAddress',
  'UpdateEmailSmtpPassWord',
  'CreateEmailTemplate',
  'GetEmailTemplate',
  'ListEmailTemplates',
  'UpdateEmailTemplate',
  'DeleteEmailTemplate',
  'CreateReceiver',
  'CreateReceiverDetail',
  'CreateReceiverDetailWithData',
  'ListReceivers',
  'ListReceiverDetails',
  'DeleteReceiver',
  'SendEmail',
  'BatchSendEmail',
  'ListSendTasks',
  'GetSendEmailStatus',
  'GetStatisticsReport',
  'ListBlackEmailAddress',
  'DeleteBlackList',
  'CreateCustomBlacklist',
  'ListCustomBlacklist',
  'UpdateCustomBlackList',
  'DeleteCustomBlackList',
  'CreateAddressUnsubscribeConfig',
  'UpdateAddressUnsubscribeConfig',
  'ListAddressUnsubscribeConfig',
  'DeleteAddressUnsubscribeConfig',
  'GetAbuseReport',
];

/** One documented (or doc-shaped) request per action; typed, so the wire types are checked too. */
const examples: { [A in ActionName]: WireInput<A> } = {
  CreateEmailIdentity: { EmailIdentity: 'mail.qcloud.com', DKIMOption: 1 },
  GetEmailIdentity: { EmailIdentity: 'mail.qcloud.com' },
  ListEmailIdentities: { Limit: 10, Offset: 0, TagList: [{ TagKey: 'env', TagValue: 'prod' }] },
  UpdateEmailIdentity: { EmailIdentity: 'mail.qcloud.com', NewAPI: true, DKIMOption: 2 },
  DeleteEmailIdentity: { EmailIdentity: 'mail.qcloud.com' },
  CreateEmailAddress: { EmailAddress: 'noreply@mail.qcloud.com', EmailSenderName: 'Qcloud' },
  ListEmailAddress: {},
  DeleteEmailAddress: { EmailAddress: 'noreply@mail.qcloud.com' },
  UpdateEmailSmtpPassWord: { Password: 'Abc123xyz9', EmailAddress: 'noreply@mail.qcloud.com' },
  CreateEmailTemplate: {
    TemplateName: 'welcome',
    TemplateContent: { Html: 'PGgxPnt7bmFtZX19PC9oMT4=', Text: 'e3tuYW1lfX0=' },
  },
  GetEmailTemplate: { TemplateID: 100 },
  ListEmailTemplates: { Limit: 100, Offset: 0 },
  UpdateEmailTemplate: {
    TemplateID: 100,
    TemplateName: 'welcome',
    TemplateContent: { Text: 'e3tuYW1lfX0=' },
  },
  DeleteEmailTemplate: { TemplateID: 100 },
  CreateReceiver: { ReceiversName: 'newsletter', Desc: 'monthly readers' },
  CreateReceiverDetail: { ReceiverId: 1063742, Emails: ['a@example.com', 'b@example.com'] },
  CreateReceiverDetailWithData: {
    ReceiverId: 1063742,
    Datas: [{ Email: 'a@example.com', TemplateData: '{"name":"xxx","age":"xx"}' }],
  },
  ListReceivers: { Offset: 0, Limit: 10, Status: 3, KeyWord: 'news' },
  ListReceiverDetails: {
    ReceiverId: 1063742,
    Offset: 0,
    Limit: 10,
    Email: 'a@',
    CreateTimeBegin: '2021-09-28 00:00:00',
    CreateTimeEnd: '2021-09-29',
    Status: 1,
  },
  DeleteReceiver: { ReceiverId: 1063742 },
  SendEmail: {
    FromEmailAddress: 'noreply@mail.example.com',
    Destination: ['user@example.com'],
    Subject: 'Hello',
    Template: { TemplateID: 100, TemplateData: '{"code":"123456"}' },
  },
  BatchSendEmail: {
    FromEmailAddress: 'Qcloud <noreply@mail.qcloud.com>',
    ReceiverId: 1063742,
    Subject: 'News {{month}}',
    TaskType: 3,
    ReplyToAddresses: 'reply@mail.qcloud.com',
    Template: { TemplateID: 100, TemplateData: '{}' },
    CycleParam: { BeginTime: '2023-09-07 15:10:00', IntervalTime: 24, TermCycle: 0 },
    Unsubscribe: '1',
    ADLocation: 1,
  },
  ListSendTasks: { Offset: 0, Limit: 10, Status: 10, ReceiverId: 1063742, TaskType: 1 },
  GetSendEmailStatus: {
    RequestDate: '2021-01-01',
    Offset: 0,
    Limit: 100,
    MessageId: 'qcloudses-30-4123414323-date-20210101094334-syNARhMTbKI1',
    ToEmailAddress: 'user@example.com',
  },
  GetStatisticsReport: {
    StartDate: '2020-10-01',
    EndDate: '2020-10-03',
    Domain: 'mail.qcloud.com',
    ReceivingMailboxType: 'gmail.com',
  },
  ListBlackEmailAddress: { StartDate: '2020-09-22', EndDate: '2020-09-23', Limit: 10, Offset: 0 },
  DeleteBlackList: { EmailAddressList: ['bounced@example.com'] },
  CreateCustomBlacklist: { Emails: ['spam@example.com'], ExpireDate: '2026-12-31' },
  ListCustomBlacklist: { Offset: 0, Limit: 10, Status: 2, Email: 'spam' },
  UpdateCustomBlackList: { Id: 7, Email: 'spam@example.com', ExpireDate: '' },
  DeleteCustomBlackList: { Emails: ['spam@example.com'] },
  CreateAddressUnsubscribeConfig: { Address: 'noreply@mail.qcloud.com', UnsubscribeConfig: '2', Status: 1 },
  UpdateAddressUnsubscribeConfig: { Address: 'noreply@mail.qcloud.com', UnsubscribeConfig: '0', Status: 0 },
  ListAddressUnsubscribeConfig: { Offset: 0, Limit: '10' },
  DeleteAddressUnsubscribeConfig: { Address: 'noreply@mail.qcloud.com' },
  GetAbuseReport: {
    StartTime: '2025-10-14',
    EndTime: '2025-10-15',
    Offset: 0,
    Limit: 1000,
    TemplateId: '100',
  },
};

describe('operation table', () => {
  it('has exactly the 36 actions of the API reference', () => {
    expect(new Set(REFERENCE_ACTIONS).size).toBe(36);
    expect([...actionNames].sort()).toEqual([...REFERENCE_ACTIONS].sort());
  });

  it('keys every operation by its own action name', () => {
    for (const name of actionNames) expect(operations[name].action).toBe(name);
    expect(isActionName('SendEmail')).toBe(true);
    expect(isActionName('toString')).toBe(false);
  });

  it('declares the documented rate: 20/s, ListEmailAddress 35/s', () => {
    const rates = Object.fromEntries(actionNames.map((a) => [a, operations[a].ratePerSecond]));
    expect(rates.ListEmailAddress).toBe(35);
    expect(actionNames.filter((a) => rates[a] !== 20)).toEqual(['ListEmailAddress']);
  });

  it('never marks a send, a new-ID create or a write whose repeat answers an error as idempotent', () => {
    const notIdempotent = actionNames.filter((a) => !operations[a].idempotent).sort();
    expect(notIdempotent).toEqual([
      'BatchSendEmail',
      'CreateAddressUnsubscribeConfig', // the address already has one
      'CreateCustomBlacklist',
      'CreateEmailAddress', // RepeatEmailAddress
      'CreateEmailIdentity', // RepeatCreation
      'CreateEmailTemplate',
      'CreateReceiver',
      'CreateReceiverDetail',
      'CreateReceiverDetailWithData',
      'DeleteAddressUnsubscribeConfig', // the address has none
      'DeleteEmailAddress', // NoSuchSender
      'DeleteEmailIdentity', // NotExistDomain
      'DeleteEmailTemplate', // TemplateNotExist
      'DeleteReceiver', // ReceiverNotExist
      'SendEmail',
      'UpdateEmailSmtpPassWord', // RepeatPassWord
    ]);
    for (const a of actionNames) {
      if (/^(Get|List)/.test(a)) expect(operations[a].idempotent, a).toBe(true);
    }
  });

  it('gives every list action where its items and total live', () => {
    const shapes = Object.fromEntries(
      actionNames.flatMap((a) => {
        const list = operations[a].list;
        return list ? [[a, list]] : [];
      }),
    );
    expect(shapes).toEqual({
      ListEmailIdentities: { itemsKey: 'EmailIdentities', totalKey: 'Total' },
      ListEmailAddress: { itemsKey: 'EmailSenders' },
      ListEmailTemplates: { itemsKey: 'TemplatesMetadata', totalKey: 'TotalCount' },
      ListReceivers: { itemsKey: 'Data', totalKey: 'TotalCount' },
      ListReceiverDetails: { itemsKey: 'Data', totalKey: 'TotalCount' },
      ListSendTasks: { itemsKey: 'Data', totalKey: 'TotalCount' },
      GetSendEmailStatus: { itemsKey: 'EmailStatusList' },
      ListBlackEmailAddress: { itemsKey: 'BlackList', totalKey: 'TotalCount' },
      ListCustomBlacklist: { itemsKey: 'Data', totalKey: 'TotalCount' },
      ListAddressUnsubscribeConfig: { itemsKey: 'AddressUnsubscribeConfigList', totalKey: 'Total' },
      GetAbuseReport: { itemsKey: 'Data', totalKey: 'TotalCount' },
    });
  });
});

describe.each(actionNames)('%s', (action) => {
  const operation = operations[action];

  it('accepts a documented example input unchanged', () => {
    const parsed = operation.input.safeParse(examples[action]);
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.data).toEqual(examples[action]);
  });

  it('rejects an unknown field', () => {
    const parsed = operation.input.safeParse({ ...examples[action], NotAField: 1 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.code)).toContain('unrecognized_keys');
  });

  it('keeps unknown output fields, at the top and inside items', () => {
    const itemsKey = operation.list?.itemsKey;
    const payload: Record<string, unknown> = { FutureField: { a: 1 } };
    if (itemsKey) payload[itemsKey] = [{ FutureItemField: 'x' }];
    const parsed = operation.output.safeParse(payload);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(payload);
  });

  it('accepts an empty output (every field may be omitted)', () => {
    expect(operation.output.safeParse({}).success).toBe(true);
  });
});
