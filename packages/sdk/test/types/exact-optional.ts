// User-style code, type-checked (never run) by exact-optional.test.ts with `tsc -p` on the
// tsconfig.json next to it, which turns on `exactOptionalPropertyTypes`. Under that flag an optional
// property only takes an explicit `undefined` when declared `?: T | undefined`; every optional INPUT
// of the SDK is, because at run time an explicit `undefined` means "omitted". Output types are not
// widened. It also checks that each method's parameters and result have a name users can import.

import type { LocalBackendOptions } from '@ses-cli/local';
import {
  type AbuseReportListParams,
  type AddRecipientsOptions,
  type Backend,
  type BatchSchedule,
  type BatchSendParams,
  type BlacklistListParams,
  type Credentials,
  type CustomBlacklistAddParams,
  type CustomBlacklistListParams,
  type CustomBlacklistUpdateParams,
  createWebhookEvent,
  type IdentityChange,
  type IdentityCreateParams,
  type IdentityListParams,
  type IdentityVerifyParams,
  type ListParams,
  projectWarmup,
  type RecipientGroupCreateParams,
  type RecipientGroupCreateResult,
  type RecipientGroupListParams,
  type RecipientInput,
  type RecipientListParams,
  type RenderOptions,
  type RequestIdResult,
  type RequestOptions,
  type RetryPolicy,
  renderTemplate,
  type SendEmailParams,
  type SenderCreateParams,
  type SendStatusListParams,
  type SendTaskListParams,
  SesClient,
  type SesClientOptions,
  type StatisticsParams,
  signTc3,
  type Tc3SignInput,
  type TemplateCreateParams,
  type TemplateCreateResult,
  type TemplateRef,
  type TemplateUpdateParams,
  type UnsubscribeConfigParams,
  type WaitOptions,
  type WarmupProjectionInput,
  type WarmupStatusInput,
  type WebhookEvent,
  type WebhookEventInit,
  warmupStatus,
} from '@ses-cli/sdk';

/** What a user's variables often are: maybe set, maybe not. */
type Maybe<T> = T | undefined;

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | undefined {
  return undefined;
}

export async function callsWithUndefined(
  ses: SesClient,
  v: {
    replyTo: Maybe<string>;
    signal: Maybe<AbortSignal>;
    limit: Maybe<number>;
    data: Maybe<Record<string, string>>;
    bulkId: Maybe<string>;
    text: Maybe<string>;
  },
) {
  const { replyTo, signal, limit, data, bulkId } = v;
  const options: RequestOptions = { signal, timeout: undefined, maxRetries: undefined };

  // The review's examples.
  await ses.emails.send({
    from: 'a@mail.example.com',
    to: 'b@example.com',
    subject: 'Hi',
    template: { id: 1 },
    replyTo,
  });
  await ses.templates.get(1, { signal });
  await ses.recipientGroups.waitUntilUploaded(1, { signal, intervalMs: undefined, timeoutMs: undefined });
  const ref: TemplateRef = { id: 1, data };
  const page: ListParams = { limit, offset: undefined };
  await ses.templates.list(page, options);
  createWebhookEvent({ type: 'delivered', email: 'b@example.com', timestamp: new Date(), bulkId });

  // Every optional field of the send parameters at once.
  const send: SendEmailParams = {
    from: 'a@mail.example.com',
    to: undefined,
    cc: undefined,
    bcc: 'b@example.com',
    replyTo: undefined,
    subject: 'Hi',
    template: ref,
    attachments: undefined,
    unsubscribe: undefined,
    trigger: undefined,
    headers: undefined,
    smtpMessageId: undefined,
    headerFrom: undefined,
  };
  await ses.emails.send(send, { signal: undefined });

  const at = new Date();
  const once: BatchSchedule = { at, every: undefined, stop: undefined };
  const recurring: BatchSchedule = { every: 24, at: undefined, stop: undefined };
  // `stop` still belongs to a recurring schedule only.
  // @ts-expect-error a one-off schedule has no `stop`
  const stopped: BatchSchedule = { at, stop: true };
  void stopped;
  const batch: BatchSendParams = {
    from: 'a@mail.example.com',
    groupId: 1,
    subject: 'Hi',
    template: { id: 1, data: undefined },
    replyTo: undefined,
    schedule: undefined,
    adLocation: undefined,
    unsubscribe: undefined,
  };
  await ses.emails.batchSend({ ...batch, schedule: once });
  await ses.emails.batchSend({ ...batch, schedule: recurring });

  const body = { html: undefined, text: v.text };
  const created = await ses.templates.create({ name: 't', ...body });
  await ses.templates.update(created.id, { name: 't', ...body }, options);

  await ses.identities.create('mail.example.com', { dkim: undefined, tags: undefined }, options);
  await ses.identities.verify('mail.example.com', { dkim: undefined });
  await ses.identities.list({ tags: undefined, limit, offset: undefined });

  await ses.customBlacklist.add(['b@example.com'], { expiresOn: undefined });
  await ses.customBlacklist.update(1, { email: 'b@example.com', expiresOn: undefined });
  await ses.customBlacklist.list({ status: undefined, email: undefined, limit });

  const group = await ses.recipientGroups.create({ name: 'g', description: undefined });
  await ses.recipientGroups.list({ status: undefined, keyword: undefined, limit });
  const recipients: RecipientInput[] = ['b@example.com', { email: 'c@example.com', data: undefined }];
  await ses.recipientGroups.addRecipients(group.id, recipients, {
    signal,
    timeout: undefined,
    maxRetries: undefined,
    onProgress: undefined,
    chunkSize: undefined,
    wait: { intervalMs: undefined, timeoutMs: undefined, signal: undefined },
  });
  await ses.recipientGroups.listRecipients(group.id, {
    email: undefined,
    status: undefined,
    createdFrom: undefined,
    createdTo: undefined,
    limit,
  });

  await ses.senders.create({ address: 'a@mail.example.com', name: undefined });
  await ses.statistics.get({ startDate: at, endDate: at, domain: undefined, recipientDomain: undefined });
  await ses.blacklist.list({ startDate: at, endDate: at, email: undefined });
  await ses.sendStatus.list({ date: at, messageId: undefined, to: undefined });
  await ses.sendTasks.list({ status: undefined, type: undefined, groupId: undefined });
  await ses.abuseReports.list({
    startDate: at,
    endDate: at,
    fromDomain: undefined,
    fromAddress: undefined,
    recipientDomain: undefined,
    toAddress: undefined,
    templateId: undefined,
  });
  await ses.unsubscribeConfigs.create({ address: 'a@mail.example.com', language: 'en', enabled: undefined });
  await ses.invoke('ListEmailTemplates', { Offset: 0, Limit: 10 }, { signal, timeout: undefined });
}

export function optionsWithUndefined(v: {
  region: Maybe<string>;
  token: Maybe<string>;
  timeZone: Maybe<string>;
}) {
  const backend: Backend = {
    name: 'mine',
    timeZone: v.timeZone,
    site: undefined,
    now: undefined,
    close: undefined,
    invoke: async () => ({ payload: {}, requestId: 'r' }),
  };
  // A custom backend may set its clock and close after it was built, as when they were methods.
  backend.now = () => new Date(0);
  backend.close = async () => undefined;
  const credentials: Credentials = { secretId: 'id', secretKey: 'key', token: v.token };
  const client: SesClientOptions = {
    credentials,
    region: v.region,
    endpoint: undefined,
    site: undefined,
    profile: undefined,
    backend,
    timeout: undefined,
    maxRetries: undefined,
    logger: undefined,
    env: undefined,
  };
  const local: LocalBackendOptions = {
    dataDir: '.ses',
    now: undefined,
    timeZone: v.timeZone,
    autoVerifyDomains: undefined,
    dnsResolver: undefined,
    autoApproveTemplates: undefined,
    transport: undefined,
    warmupPlan: undefined,
    warmup: undefined,
    maxEmailBytes: undefined,
    frequencyLimitPerHour: undefined,
    trackingBaseUrl: undefined,
    appId: undefined,
    maxDatabaseBytes: undefined,
  };
  const retry: RetryPolicy = {
    maxRetries: 1,
    idempotent: true,
    sleep: undefined,
    random: undefined,
    signal: undefined,
  };
  return { ses: new SesClient(client), local, retry };
}

export function helpersWithUndefined(v: { escape: Maybe<boolean>; plan: Maybe<WarmupStatusInput['plan']> }) {
  const render: RenderOptions = { escapeHtml: v.escape, onMissing: undefined };
  renderTemplate('Hi {{name}}', { name: 'Ana' }, render);
  const status: WarmupStatusInput = { day: 1, sentToday: 0, plan: v.plan, cached: undefined };
  warmupStatus(status);
  const projection: WarmupProjectionInput = {
    volume: 10,
    plan: undefined,
    startDay: undefined,
    sentToday: undefined,
  };
  projectWarmup(projection);
  const sign: Tc3SignInput = {
    secretId: 'id',
    secretKey: 'key',
    service: 'ses',
    timestamp: 0,
    headers: { host: 'ses.tencentcloudapi.com' },
    payload: '{}',
    method: undefined,
    query: undefined,
  };
  signTc3(sign);
  const init: WebhookEventInit = {
    type: 'bounce',
    email: 'b@example.com',
    timestamp: new Date(),
    bulkId: undefined,
    link: undefined,
    reason: undefined,
    bounceType: undefined,
    username: undefined,
    from: undefined,
    fromDomain: undefined,
    templateId: undefined,
    userAgent: undefined,
    subject: undefined,
    messageId: undefined,
    sentTimestamp: undefined,
    custom: undefined,
  };
  return createWebhookEvent(init);
}

/** Output types keep their exact optional fields: a parsed event leaves absent fields out. */
export function outputsUnchanged(event: WebhookEvent): WebhookEvent {
  // @ts-expect-error an output's optional field is absent, never `undefined`
  const widened: WebhookEvent = { ...event, bulkId: undefined };
  return widened;
}

/** Every method's parameters and result can be named, and the names are what the methods use. */
export function namedTypes(ses: SesClient) {
  type Param<F extends (...args: never[]) => unknown, I extends number> = Exclude<
    Parameters<F>[I],
    undefined
  >;
  type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
  return [
    expectType<Equal<Param<typeof ses.identities.create, 1>, IdentityCreateParams>>(),
    expectType<Equal<Param<typeof ses.identities.verify, 1>, IdentityVerifyParams>>(),
    expectType<Equal<Result<typeof ses.identities.create>, IdentityChange>>(),
    expectType<Equal<Param<typeof ses.customBlacklist.add, 1>, CustomBlacklistAddParams>>(),
    expectType<Equal<Param<typeof ses.customBlacklist.update, 1>, CustomBlacklistUpdateParams>>(),
    expectType<Equal<Param<typeof ses.templates.create, 0>, TemplateCreateParams>>(),
    expectType<Equal<Param<typeof ses.templates.update, 1>, TemplateUpdateParams>>(),
    expectType<Equal<Result<typeof ses.templates.create>, TemplateCreateResult>>(),
    expectType<Equal<Param<typeof ses.recipientGroups.create, 0>, RecipientGroupCreateParams>>(),
    expectType<Equal<Result<typeof ses.recipientGroups.create>, RecipientGroupCreateResult>>(),
    expectType<Equal<Param<typeof ses.recipientGroups.addRecipients, 2>, AddRecipientsOptions>>(),
    expectType<Equal<Param<typeof ses.recipientGroups.waitUntilUploaded, 1>, WaitOptions>>(),
    expectType<Equal<Param<typeof ses.recipientGroups.list, 0>, RecipientGroupListParams>>(),
    expectType<Equal<Param<typeof ses.recipientGroups.listRecipients, 1>, RecipientListParams>>(),
    expectType<Equal<Param<typeof ses.identities.list, 0>, IdentityListParams>>(),
    expectType<Equal<Param<typeof ses.customBlacklist.list, 0>, CustomBlacklistListParams>>(),
    expectType<Equal<Param<typeof ses.senders.create, 0>, SenderCreateParams>>(),
    expectType<Equal<Param<typeof ses.statistics.get, 0>, StatisticsParams>>(),
    expectType<Equal<Param<typeof ses.blacklist.list, 0>, BlacklistListParams>>(),
    expectType<Equal<Param<typeof ses.sendStatus.list, 0>, SendStatusListParams>>(),
    expectType<Equal<Param<typeof ses.sendTasks.list, 0>, SendTaskListParams>>(),
    expectType<Equal<Param<typeof ses.abuseReports.list, 0>, AbuseReportListParams>>(),
    expectType<Equal<Param<typeof ses.unsubscribeConfigs.create, 0>, UnsubscribeConfigParams>>(),
    // The webhook input lists the same fields as the event it builds (but `raw`).
    expectType<Equal<keyof WebhookEventInit, Exclude<keyof WebhookEvent, 'raw'>>>(),
    // Every call that answers only its request id.
    expectType<Equal<Result<typeof ses.templates.update>, RequestIdResult>>(),
    expectType<Equal<Result<typeof ses.templates.delete>, RequestIdResult>>(),
    expectType<Equal<Result<typeof ses.identities.delete>, RequestIdResult>>(),
    expectType<Equal<Result<typeof ses.customBlacklist.update>, RequestIdResult>>(),
    expectType<Equal<Result<typeof ses.customBlacklist.remove>, RequestIdResult>>(),
    expectType<Equal<Result<typeof ses.recipientGroups.delete>, RequestIdResult>>(),
    expectType<Equal<Result<typeof ses.blacklist.remove>, RequestIdResult>>(),
    expectType<Equal<Result<typeof ses.senders.create>, RequestIdResult>>(),
    expectType<Equal<Result<typeof ses.senders.delete>, RequestIdResult>>(),
    expectType<Equal<Result<typeof ses.senders.setSmtpPassword>, RequestIdResult>>(),
    expectType<Equal<Result<typeof ses.unsubscribeConfigs.create>, RequestIdResult>>(),
    expectType<Equal<Result<typeof ses.unsubscribeConfigs.update>, RequestIdResult>>(),
    expectType<Equal<Result<typeof ses.unsubscribeConfigs.delete>, RequestIdResult>>(),
  ];
}
