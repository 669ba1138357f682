/** One message ready to hand to a mail system. */
export interface OutgoingMessage {
  /** Unique id of this message (the SES MessageId); the outbox file name. */
  id: string;
  envelope: { from: string; to: string[] };
  raw: Buffer;
}

/** What a transport reports about a delivered message. */
export interface DeliveryReceipt {
  /** Where the message was written (outbox transport). */
  path?: string;
  /** Recipients the relay accepted / refused (SMTP transport). */
  accepted?: string[];
  rejected?: string[];
}

/** Hands composed messages to a mail system. */
export interface Transport {
  readonly kind: string;
  deliver(message: OutgoingMessage): Promise<DeliveryReceipt>;
  /**
   * Optional: delivers many messages at once, with bounded concurrency (the outbox writes 64 files
   * at a time). Settles per message, in order, and never rejects as a whole; a message counts as
   * delivered only when its result is fulfilled.
   */
  deliverMany?(messages: readonly OutgoingMessage[]): Promise<PromiseSettledResult<DeliveryReceipt>[]>;
  /**
   * Optional: removes what a process that died while delivering these messages left half-written
   * (the outbox's temporary files), before they are delivered again.
   */
  discardPartial?(ids: readonly string[]): Promise<void>;
  close?(): Promise<void>;
}
