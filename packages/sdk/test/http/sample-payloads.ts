import type { ActionName, WireInput } from '../../src/operations/index.js';

const today = new Date().toISOString().slice(0, 10);
const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
const template = { TemplateID: 100, TemplateData: '{"code":"123456"}' };
const content = { Html: Buffer.from('<p>Hi {{name}}</p>').toString('base64') };

/** One valid wire payload per action, the smallest that exercises its required fields. */
export const samplePayloads: { readonly [A in ActionName]: WireInput<A> } = {
  CreateEmailIdentity: { EmailIdentity: 'mail.example.com', DKIMOption: 1 },
  GetEmailIdentity: { EmailIdentity: 'mail.example.com' },
  ListEmailIdentities: {},
  UpdateEmailIdentity: { EmailIdentity: 'mail.example.com' },
  DeleteEmailIdentity: { EmailIdentity: 'mail.example.com' },
  CreateEmailAddress: { EmailAddress: 'noreply@mail.example.com', EmailSenderName: 'Example' },
  ListEmailAddress: {},
  DeleteEmailAddress: { EmailAddress: 'noreply@mail.example.com' },
  UpdateEmailSmtpPassWord: { EmailAddress: 'noreply@mail.example.com', Password: 'Abcdef123456' },
  CreateEmailTemplate: { TemplateName: 'welcome', TemplateContent: content },
  GetEmailTemplate: { TemplateID: 100 },
  ListEmailTemplates: { Limit: 10, Offset: 0 },
  UpdateEmailTemplate: { TemplateID: 100, TemplateName: 'welcome', TemplateContent: content },
  DeleteEmailTemplate: { TemplateID: 100 },
  CreateReceiver: { ReceiversName: 'newsletter', Desc: 'monthly readers' },
  CreateReceiverDetail: { ReceiverId: 7, Emails: ['a@example.com', 'b@example.com'] },
  CreateReceiverDetailWithData: {
    ReceiverId: 7,
    Datas: [{ Email: 'a@example.com', TemplateData: '{"name":"Ana"}' }],
  },
  ListReceivers: { Offset: 0, Limit: 10 },
  ListReceiverDetails: { ReceiverId: 7, Offset: 0, Limit: 10 },
  DeleteReceiver: { ReceiverId: 7 },
  SendEmail: {
    FromEmailAddress: 'Example <noreply@mail.example.com>',
    Destination: ['user@example.com'],
    Subject: 'Hello 你好',
    Template: template,
  },
  BatchSendEmail: {
    FromEmailAddress: 'noreply@mail.example.com',
    ReceiverId: 7,
    Subject: 'News',
    TaskType: 1,
    Template: template,
  },
  ListSendTasks: { Offset: 0, Limit: 10 },
  GetSendEmailStatus: { RequestDate: today, Offset: 0, Limit: 10 },
  GetStatisticsReport: { StartDate: weekAgo, EndDate: today },
  ListBlackEmailAddress: { StartDate: weekAgo, EndDate: today, Limit: 10, Offset: 0 },
  DeleteBlackList: { EmailAddressList: ['bounced@example.com'] },
  CreateCustomBlacklist: { Emails: ['blocked@example.com'] },
  ListCustomBlacklist: { Offset: 0, Limit: 10, Status: 2 },
  UpdateCustomBlackList: { Id: 3, Email: 'blocked2@example.com' },
  DeleteCustomBlackList: { Emails: ['blocked@example.com'] },
  CreateAddressUnsubscribeConfig: { Address: 'noreply@mail.example.com', UnsubscribeConfig: '1', Status: 1 },
  UpdateAddressUnsubscribeConfig: { Address: 'noreply@mail.example.com', UnsubscribeConfig: '2', Status: 0 },
  ListAddressUnsubscribeConfig: { Offset: 0, Limit: '10' },
  DeleteAddressUnsubscribeConfig: { Address: 'noreply@mail.example.com' },
  GetAbuseReport: { StartTime: weekAgo, EndTime: today },
};
