import { DELIVER_STATUS } from '../engine/sending/deliver-status.js';
import type { StatusRecord } from './engine-access.js';
import type { DeliveryOutcome, RecipientView } from './types.js';

/**
 * Where one recipient's email ended up, read as `GetSendEmailStatus` reports it. The engine's own
 * `sent` only means the transport took the message: DeliverStatus says whether the mailbox did.
 */
export function outcomeOf(record: StatusRecord): DeliveryOutcome {
  switch (record.state) {
    case 'refused':
      return 'refused';
    case 'queued':
    case 'sending':
    case 'deferred':
      return record.state;
    case 'failed':
      return 'dropped';
  }
  if (record.deliverStatus === DELIVER_STATUS.delivered) return 'delivered';
  if (record.deliverStatus === DELIVER_STATUS.rejected) return 'bounced';
  // Taken by the transport, then turned away for now and not retried: a soft bounce.
  if (record.deliverStatus === DELIVER_STATUS.deferred) return 'soft bounce';
  return 'sent';
}

/** A status record as the dashboard shows it. */
export function recipientView(record: StatusRecord): RecipientView {
  const view: RecipientView = {
    address: record.address,
    outcome: outcomeOf(record),
    sendStatus: record.sendStatus,
    deliverStatus: record.deliverStatus,
  };
  if (record.deliverMessage) view.reason = record.deliverMessage;
  return view;
}

/** The message's outcome: its recipients' when they agree, else `mixed` (each is listed). */
export function messageOutcome(
  recipients: readonly RecipientView[],
  fallback: DeliveryOutcome,
): DeliveryOutcome {
  const outcomes = new Set(recipients.map((recipient) => recipient.outcome));
  if (outcomes.size === 0) return fallback;
  return outcomes.size === 1 ? [...outcomes][0]! : 'mixed';
}
