import { renderTemplate } from '@ses-cli/sdk';
import type { ComposedMessage, ComposeInput } from '../../delivery/compose.js';
import { MessageCompositionError } from '../../delivery/composition-error.js';
import type { EngineContext } from '../context.js';
import { formatDate } from '../time.js';
import type { SendPayload } from './compose-row.js';
import {
  checkAttachments,
  parseTemplateData,
  resolveSender,
  resolveTemplate,
  SEND_EMAIL_CODES,
  unsubscribeLanguage,
} from './content.js';
import { insertEmail } from './emails.js';
import { sesMessageId, smtpMessageId, trackingToken } from './ids.js';
import { loadComposing } from './load-composing.js';
import { deliverNow } from './pipeline.js';
import { recipientSendStatus, SEND_STATUS } from './recipient-checks.js';
import { signingKeys } from './signing-keys.js';
import { statement } from './statement-cache.js';

/** The service's default account-wide daily ceiling (API FAQ: 300,000 emails a day). */
export const ACCOUNT_DAILY_LIMIT = 300_000;

/** The error a call gets when every recipient was refused, by SendStatus. */
const REFUSAL_CODES: Record<number, [string, string]> = {
  [SEND_STATUS.frequencyLimit]: [
    'FailedOperation.FrequencyLimit',
    'too many emails to this address in the last hour',
  ],
  [SEND_STATUS.blacklisted]: ['FailedOperation.EmailAddrInBlacklist', 'the address is on a blacklist'],
  [SEND_STATUS.unsubscribed]: ['FailedOperation.ReceiverHasUnsubscribed', 'the recipient unsubscribed'],
};

interface SendInput {
  FromEmailAddress: string;
  Destination?: string[];
  Cc?: string[];
  Bcc?: string[];
  Subject: string;
  ReplyToAddresses?: string;
  Template?: { TemplateID: number; TemplateData: string };
  Attachments?: unknown;
  Unsubscribe?: string;
  SmtpMessageId?: string;
  SmtpHeaders?: string;
  HeaderFrom?: string;
}

function parseHeaders(ctx: EngineContext, text: string | undefined): Record<string, string> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const parsed = parseTemplateData(text);
  if (!parsed) {
    throw ctx.apiError(
      'InvalidParameterValue',
      'SmtpHeaders must be a JSON object of header names to string values.',
    );
  }
  return parsed;
}

/** True when the account accepted its daily ceiling of emails on `today` already. */
function dailyLimitReached(ctx: EngineContext, today: string): boolean {
  const accepted = statement(ctx.db, 'SELECT COALESCE(SUM(accepted), 0) FROM daily_stats WHERE date = ?')
    .pluck()
    .get(today) as number;
  return accepted >= ACCOUNT_DAILY_LIMIT;
}

/** {@link sendEmail}'s signal that the recipients' checks changed before its rows were written. */
const RECHECK = Symbol('recheck');

/**
 * `SendEmail`. Whole-request rules fail the call: sender, template, `TemplateData` (valid JSON with
 * a value for every variable of the subject and template, else `WrongContentJson`), attachments,
 * size (`EmailContentToolarge`), the account's daily ceiling (`ExceedSendLimit`). Per-recipient
 * rules (frequency 1006, blacklists 1007, unsubscribed 1013) fail the call only when they refuse
 * every recipient; otherwise the refused recipients get a status record with that SendStatus and
 * the message goes to the others. The message is composed and delivered before the call returns.
 */
export async function sendEmail(
  ctx: EngineContext,
  raw: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const input = raw as unknown as SendInput;
  const sender = resolveSender(ctx, input.FromEmailAddress, SEND_EMAIL_CODES);
  const { template, variables } = resolveTemplate(ctx, raw, input.Subject, SEND_EMAIL_CODES);
  const data = parseTemplateData(input.Template?.TemplateData || '{}');
  if (!data)
    throw ctx.apiError('FailedOperation.WrongContentJson', 'TemplateData must be a JSON object of strings.');
  const missing = variables.filter((name) => !Object.hasOwn(data, name));
  if (missing.length > 0) {
    throw ctx.apiError(
      'FailedOperation.WrongContentJson',
      `TemplateData has no value for: ${missing.join(', ')}.`,
    );
  }
  const attachments = checkAttachments(ctx, input.Attachments);
  const headers = parseHeaders(ctx, input.SmtpHeaders);

  const now = ctx.now().getTime();
  const today = formatDate(now, ctx.timeZone);
  if (dailyLimitReached(ctx, today)) {
    throw ctx.apiError(
      'FailedOperation.ExceedSendLimit',
      `The account's daily limit of ${ACCOUNT_DAILY_LIMIT} emails is reached.`,
    );
  }

  const check = {
    senderDomain: sender.domain,
    today,
    now,
    frequencyLimitPerHour: ctx.options.frequencyLimitPerHour,
  };
  const recipients = [
    ...(input.Destination ?? []).map((address) => ({ address, field: 'to' as const })),
    ...(input.Cc ?? []).map((address) => ({ address, field: 'cc' as const })),
    ...(input.Bcc ?? []).map((address) => ({ address, field: 'bcc' as const })),
  ].map((r) => ({ ...r, status: recipientSendStatus(ctx.db, r.address, check) }));
  const accepted = recipients.filter((r) => r.status === SEND_STATUS.accepted);
  const firstRefusal = recipients[0];
  if (accepted.length === 0 && firstRefusal) {
    const [code, reason] = REFUSAL_CODES[firstRefusal.status] ?? ['FailedOperation.SendEmailErr', 'refused'];
    throw ctx.apiError(code, `${firstRefusal.address}: ${reason}.`);
  }

  const subject = renderTemplate(input.Subject, data);
  const payload: SendPayload = {
    from: input.HeaderFrom ?? sender.fromHeader,
    to: accepted.filter((r) => r.field === 'to').map((r) => r.address),
    cc: accepted.filter((r) => r.field === 'cc').map((r) => r.address),
    bcc: accepted.filter((r) => r.field === 'bcc').map((r) => r.address),
    subject,
    attachments,
  };
  if (input.ReplyToAddresses !== undefined) payload.replyTo = input.ReplyToAddresses;
  if (template.html !== undefined) payload.html = renderTemplate(template.html, data, { escapeHtml: true });
  if (template.text !== undefined) payload.text = renderTemplate(template.text, data);
  const language = unsubscribeLanguage(ctx, input.Unsubscribe, sender.address);
  if (language !== undefined) payload.unsubscribe = language;
  if (headers) payload.headers = headers;

  const messageId = sesMessageId(ctx.options.appId, now, ctx.timeZone);
  const smtpId = input.SmtpMessageId?.replace(/^<|>$/g, '') || smtpMessageId(sender.domain);
  const token = trackingToken();
  const base = ctx.options.trackingBaseUrl.replace(/\/+$/, '');
  const composeInput: ComposeInput = {
    from: payload.from,
    // The verified sender is the envelope's sender even when HeaderFrom shows another address.
    envelopeFrom: sender.address,
    to: payload.to,
    cc: payload.cc,
    bcc: payload.bcc,
    subject,
    messageId: smtpId,
    date: new Date(now),
    tracking: { baseUrl: base, token },
    attachments: attachments.map((a) => ({
      filename: a.filename,
      content: Buffer.from(a.content, 'base64'),
    })),
  };
  if (payload.replyTo !== undefined) composeInput.replyTo = payload.replyTo;
  if (payload.html !== undefined) composeInput.html = payload.html;
  if (payload.text !== undefined) composeInput.text = payload.text;
  if (payload.headers) composeInput.headers = payload.headers;
  if (language !== undefined) composeInput.unsubscribe = { url: `${base}/t/unsubscribe/${token}`, language };
  const keys = signingKeys(ctx.db, sender.domain);
  if (keys.length > 0) composeInput.dkim = keys;

  const { composeMessage } = await loadComposing();
  let composed: ComposedMessage;
  try {
    composed = await composeMessage(composeInput);
  } catch (error) {
    if (error instanceof MessageCompositionError) throw ctx.apiError('InvalidParameterValue', error.message);
    throw error;
  }
  if (composed.raw.length > ctx.options.maxEmailBytes) {
    throw ctx.apiError(
      'FailedOperation.EmailContentToolarge',
      `The message is ${composed.raw.length} bytes; the limit is ${ctx.options.maxEmailBytes}.`,
    );
  }

  const carrierId = ctx.write(() => {
    // Checked again where the rows are written: a concurrent call (or another process) may have
    // used up a recipient's hourly allowance or the day's limit since the checks above.
    const changed =
      recipients.some((r) => recipientSendStatus(ctx.db, r.address, check) !== r.status) ||
      dailyLimitReached(ctx, today);
    if (changed) return RECHECK;
    let carrier: number | null = null;
    for (const recipient of recipients) {
      const ok = recipient.status === SEND_STATUS.accepted;
      const id = insertEmail(ctx.db, {
        messageId,
        smtpMessageId: smtpId,
        carrierId: ok ? carrier : null,
        taskId: null,
        fromAddress: payload.from,
        fromEmail: sender.address,
        senderDomain: sender.domain,
        toAddress: recipient.address.toLowerCase(),
        templateId: template.id,
        subject,
        templateData: null,
        payload: ok && carrier === null ? JSON.stringify(payload) : null,
        status: ok ? 'queued' : 'refused',
        sendStatus: recipient.status,
        requestTime: now,
        requestDate: today,
        token: ok && carrier === null ? token : trackingToken(),
      });
      if (ok && carrier === null) carrier = id;
    }
    return carrier;
  });
  // Nothing was written: the whole request is checked again against what is recorded now.
  if (carrierId === RECHECK) return sendEmail(ctx, raw);
  if (carrierId !== null) {
    try {
      await deliverNow(ctx, carrierId, composed, subject);
    } catch (error) {
      // The email is recorded and accepted: failing the call now would invite a retry that sends
      // it twice. Its claim is released, so the next runDue delivers it.
      process.emitWarning(
        `SendEmail ${messageId} was accepted, but delivering it failed (${(error as Error).message}); the next runDue delivers it`,
      );
    }
  }
  return { MessageId: messageId };
}
