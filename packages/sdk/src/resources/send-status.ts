import type { RequestOptions } from '../client.js';
import type { PagePromise } from '../core/pagination.js';
import type { WireSendEmailStatus } from '../operations/send-status.js';
import { type CodeTable, nameOf } from './shared/codes.js';
import { compact } from './shared/compact.js';
import { type DateInput, fromEpoch, toWireDate } from './shared/dates.js';
import { type ListParams, noMeta } from './shared/list.js';
import { Resource } from './shared/resource.js';

/** Outcome on Tencent's side (`SendStatus`). */
export type SendStatus =
  | 'accepted'
  | 'internal-error'
  | 'timeout'
  | 'frequency-limited'
  | 'blacklisted'
  | 'sender-domain-refused'
  | 'daily-limit-exceeded'
  | 'custom-content-not-allowed'
  | 'unsubscribed'
  | 'not-found'
  | 'invalid-template'
  | 'temporarily-blocked'
  | 'template-not-permitted'
  | 'invalid-template-data'
  | 'sender-domain-unverified'
  | 'mailbox-type-blacklisted'
  | 'invalid-address'
  | 'high-bounce-rate'
  | 'insufficient-balance';

/** Outcome on the recipient's side (`DeliverStatus`). */
export type DeliverStatus = 'queued' | 'delivered' | 'dropped' | 'rejected' | 'deferred';

const SEND_STATUS: CodeTable<SendStatus> = {
  0: 'accepted',
  1001: 'internal-error',
  1002: 'internal-error',
  1003: 'internal-error',
  1005: 'internal-error',
  1009: 'internal-error',
  1004: 'timeout',
  1006: 'frequency-limited',
  1007: 'blacklisted',
  1008: 'sender-domain-refused',
  1010: 'daily-limit-exceeded',
  1011: 'custom-content-not-allowed',
  1013: 'unsubscribed',
  2001: 'not-found',
  3007: 'invalid-template',
  3008: 'temporarily-blocked',
  3009: 'template-not-permitted',
  3010: 'invalid-template-data',
  3014: 'sender-domain-unverified',
  3020: 'mailbox-type-blacklisted',
  3024: 'invalid-address',
  3030: 'high-bounce-rate',
  3033: 'insufficient-balance',
};

const DELIVER_STATUS: CodeTable<DeliverStatus> = {
  0: 'queued',
  1: 'delivered',
  2: 'dropped',
  3: 'rejected',
  8: 'deferred',
};

/** The delivery record of one mail to one recipient. */
export interface EmailStatus {
  readonly messageId: string;
  readonly to: string;
  readonly from: string;
  readonly sendStatus: SendStatus | 'unknown';
  /** The raw `SendStatus` (`0` ok, else 1001–3033). */
  readonly sendStatusCode: number;
  readonly deliverStatus: DeliverStatus | 'unknown';
  /** The raw `DeliverStatus`. */
  readonly deliverStatusCode: number;
  /** The recipient server's reason for a drop or deferral. */
  readonly deliverMessage: string | undefined;
  readonly requestedAt: Date | undefined;
  readonly deliveredAt: Date | undefined;
  readonly opened: boolean;
  readonly clicked: boolean;
  readonly unsubscribed: boolean;
  readonly complained: boolean;
}

/** Parameters of `sendStatus.list`. */
export interface SendStatusListParams extends ListParams {
  /** The day the mails were sent (one day per query, within the last 30). */
  readonly date: DateInput;
  readonly messageId?: string | undefined;
  /** Only mails to this recipient. */
  readonly to?: string | undefined;
}

/** Per-recipient delivery status (`GetSendEmailStatus`). */
export class SendStatuses extends Resource {
  protected override readonly fieldNames = {
    RequestDate: 'date',
    MessageId: 'messageId',
    ToEmailAddress: 'to',
  };

  /**
   * Lists delivery records of one day. The API reports no total, so iteration stops at the first
   * page that is not full.
   * @example for await (const s of ses.sendStatus.list({ date: new Date(), messageId })) console.log(s.deliverStatus)
   */
  list(params: SendStatusListParams, options?: RequestOptions): PagePromise<EmailStatus> {
    // Built per page so a bad filter rejects the returned promise instead of throwing here.
    const filters = () =>
      compact({
        RequestDate: toWireDate(params.date, 'date', this.timeZone),
        MessageId: params.messageId,
        ToEmailAddress: params.to,
      });
    return this.pages(
      'GetSendEmailStatus',
      params,
      {
        input: ({ offset, limit }) => ({ ...filters(), Offset: offset, Limit: limit }),
        item: toEmailStatus,
        meta: noMeta,
      },
      options,
    );
  }
}

function toEmailStatus(wire: WireSendEmailStatus): EmailStatus {
  const sendStatusCode = wire.SendStatus ?? -1;
  const deliverStatusCode = wire.DeliverStatus ?? -1;
  return {
    messageId: wire.MessageId ?? '',
    to: wire.ToEmailAddress ?? '',
    from: wire.FromEmailAddress ?? '',
    sendStatus: nameOf(SEND_STATUS, sendStatusCode),
    sendStatusCode,
    deliverStatus: nameOf(DELIVER_STATUS, deliverStatusCode),
    deliverStatusCode,
    deliverMessage: wire.DeliverMessage || undefined,
    requestedAt: fromEpoch(wire.RequestTime),
    deliveredAt: fromEpoch(wire.DeliverTime),
    opened: wire.UserOpened ?? false,
    clicked: wire.UserClicked ?? false,
    unsubscribed: wire.UserUnsubscribed ?? false,
    complained: wire.UserComplained ?? wire.UserComplainted ?? false,
  };
}
