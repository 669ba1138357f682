// Types of the inspection, tracking and event surfaces. The sending engine (engine/sending) fills
// them; the emulator and the CLI read them.

/** One recipient's email as the engine recorded it. */
export interface MessageSummary {
  /** SES MessageId of that recipient's email. */
  id: string;
  /** The `Message-Id` header value. */
  smtpMessageId: string;
  from: string;
  to: string;
  subject: string;
  taskId?: number;
  status: string;
  createdAt: string;
}

/** Read and delete access to recorded emails (used by the emulator and `ses-cli local messages`). */
export interface MessageStore {
  /** Newest first. */
  list(filter?: { to?: string; messageId?: string; subject?: string; limit?: number; offset?: number }): {
    items: MessageSummary[];
    total: number;
  };
  /** The `.eml` bytes. */
  raw(id: string): Buffer | undefined;
  get(id: string): (MessageSummary & { events: DeliveryEvent[] }) | undefined;
  delete(id: string): boolean;
}

/** What the emulator's tracking endpoints record. */
export interface Tracking {
  open(token: string, userAgent?: string): boolean;
  /** The original URL, only if it was in that message (never an open redirect). */
  click(token: string, index: number, userAgent?: string): string | undefined;
  /** Suppresses the recipient for that sender domain. */
  unsubscribe(token: string): boolean;
}

/** A delivery event; `type` maps 1:1 to Tencent's webhook `event` names. */
export interface DeliveryEvent {
  type: 'delivered' | 'bounce' | 'open' | 'click' | 'unsubscribe' | 'spamreport' | 'deferred' | 'dropped';
  email: string;
  /** SES MessageId. */
  bulkId: string;
  /** SMTP Message-Id. */
  messageId: string;
  from: string;
  fromDomain: string;
  templateId?: number;
  subject: string;
  /** @unit Unix seconds */
  timestamp: number;
  /** @unit Unix seconds */
  sentTimestamp?: number;
  reason?: string;
  bounceType?: 'soft_bounce' | 'hard_bounce';
  link?: string;
  userAgent?: string;
}
