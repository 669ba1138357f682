import type { EngineContext } from '../context.js';
import { findReceiver, type ReceiverRecord } from '../lookups.js';

/** `ReceiversStatus` codes. */
export const RECEIVER_STATUS = { awaiting: 1, uploading: 2, complete: 3 } as const;

/** The group, or `OperationDenied.ReceiverNotExist`. */
export function requireReceiver(ctx: EngineContext, id: unknown): ReceiverRecord {
  const receiver = typeof id === 'number' ? findReceiver(ctx.db, id) : undefined;
  if (!receiver) {
    throw ctx.apiError(
      'OperationDenied.ReceiverNotExist',
      `The recipient group ${String(id)} does not exist.`,
    );
  }
  return receiver;
}
