/** DeliverStatus codes of a status record (reference §4). */
export const DELIVER_STATUS = { queued: 0, delivered: 1, dropped: 2, rejected: 3, deferred: 8 } as const;
