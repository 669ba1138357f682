// The dashboard's JSON API shapes, shared by the server handlers and the browser app (type-only).

/** `GET /ui/api/clock`: the emulated clock. */
export interface ClockView {
  /** Emulated now, ISO 8601. */
  now: string;
  /** Today in the dashboard's time zone, `YYYY-MM-DD`. */
  today: string;
  timeZone: string;
}

/**
 * Where a recipient's email ended up, from its status record: `delivered` (DeliverStatus 1),
 * `bounced` (3, hard bounce), `soft bounce` (8 after the transport took it), `deferred` (8, retry
 * pending), `dropped` (2, given up), `refused` (never sent: blacklisted, unsubscribed, rate limit),
 * `queued` / `sending` (not handed over yet); `mixed` for a message whose recipients differ.
 */
export type DeliveryOutcome =
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'bounced'
  | 'soft bounce'
  | 'deferred'
  | 'dropped'
  | 'refused'
  | 'mixed';

/** One recipient of a message (Destination, Cc or Bcc) and its status record. */
export interface RecipientView {
  address: string;
  outcome: DeliveryOutcome;
  /** `SendStatus`: 0 accepted, else why it was refused. */
  sendStatus: number;
  /** `DeliverStatus`: 0 not yet, 1 delivered, 2 dropped, 3 rejected, 8 deferred. */
  deliverStatus: number;
  /** `DeliverMessage`: the bounce or refusal reason. */
  reason?: string;
}

/**
 * One captured email in the outbox list: the engine's `MessageSummary` (restated because the
 * browser app type-checks without Node's types, which the engine's inspection module needs), with
 * every recipient's status record.
 */
export interface MessageListItem {
  id: string;
  smtpMessageId: string;
  from: string;
  /** The first recipient (see `recipients` for all). */
  to: string;
  subject: string;
  taskId?: number;
  /** The engine's state: `queued → sending → sent | failed`, `deferred`; `sent` says nothing of bounces. */
  status: string;
  /** Where it ended up (see `DeliveryOutcome`); what the badges show. */
  outcome: DeliveryOutcome;
  /** Every recipient, in send order: To, Cc and Bcc alike. */
  recipients: RecipientView[];
  createdAt: string;
}

/** `GET /ui/api/messages`: newest first. */
export interface MessageListView {
  items: MessageListItem[];
  total: number;
  limit: number;
  offset: number;
}

/** A delivery event of one email, as shown on its page. */
export interface MessageEventView {
  type: string;
  /** ISO 8601. */
  time: string;
  reason?: string;
  bounceType?: string;
  link?: string;
  userAgent?: string;
}

/** An attachment of a captured email; `url` downloads it from the inspection API. */
export interface AttachmentView {
  index: number;
  filename: string;
  contentType: string;
  size: number;
  url: string;
}

/** `GET /ui/api/messages/<id>`: one email, parsed. */
export interface MessageDetailView extends MessageListItem {
  events: MessageEventView[];
  /**
   * False while the email waits for the transport (queued, deferred): nothing was captured yet, so
   * there are no parts, headers or attachments, and `rawUrl` answers 404.
   */
  captured: boolean;
  /** The HTML part with the open-tracking pixel removed (viewing here must not count as an open). */
  html?: string;
  text?: string;
  /** The `To` and `Cc` header fields as the message shows them (Bcc recipients are only in `recipients`). */
  headerTo?: string;
  headerCc?: string;
  /** Header fields in order, encoded words (`=?UTF-8?Q?…?=`) decoded; the raw source keeps them. */
  headers: { name: string; value: string }[];
  attachments: AttachmentView[];
  /** The `.eml` bytes, from the inspection API. */
  rawUrl: string;
}

/** One batch task. */
export interface TaskView {
  id: number;
  /** 1 immediate · 2 scheduled · 3 recurring */
  type: number;
  typeLabel: string;
  /** 1 waiting · 5 sending · 6 paused for today · 7 error · 10 finished */
  status: number;
  statusLabel: string;
  from: string;
  subject: string;
  receivers: string;
  requested: number;
  sent: number;
  cached: number;
  /** sent / requested, 0…1 (0 while nothing was requested yet). */
  progress: number;
  /** A finished task's recipients that got nothing (refused, dropped): requested − sent − cached. */
  notSent: number;
  createdAt: string;
  updatedAt: string;
  /** `ErrMsg`, when the service gives a reason. */
  error?: string;
}

/** `GET /ui/api/tasks`: newest first; with `?id=`, that one task only. */
export interface TaskListView {
  items: TaskView[];
  total: number;
  limit: number;
  offset: number;
}

/** One calendar day of a domain's warm-up so far. */
export interface WarmupHistoryDay {
  date: string;
  day: number;
  quota: number;
  sent: number;
}

/** A sender domain's warm-up. */
export interface WarmupDomainView {
  domain: string;
  verified: boolean;
  /** Today's warm-up day (1 until the first batch send). */
  day: number;
  quota: number;
  sentToday: number;
  remainingToday: number;
  /** Batch emails cached by paused tasks of this domain, waiting for a later day's quota. */
  cached: number;
  /** What goes out tomorrow from the cache, and tomorrow's quota. */
  tomorrow: { day: number; quota: number; fromCache: number };
  /** Days from the first batch send until today. */
  history: WarmupHistoryDay[];
  /** Calendar days the cache still needs, today excluded. */
  cacheDays: number;
}

/** `GET /ui/api/warmup`. */
export interface WarmupView {
  plan: { day: number; limit: number }[];
  domains: WarmupDomainView[];
}

/** Counters of one day (or the whole range). */
export interface FunnelCounts {
  requested: number;
  accepted: number;
  delivered: number;
  opened: number;
  clicked: number;
  bounced: number;
  unsubscribed: number;
}

/** `GET /ui/api/funnel?start=&end=&domain=`: `GetStatisticsReport`, per day and in total. */
export interface FunnelView {
  start: string;
  end: string;
  domain?: string;
  daily: (FunnelCounts & { date: string })[];
  total: FunnelCounts;
  /** Sender domains to filter by. */
  domains: string[];
}

/** `POST /ui/api/clock/advance`: what the time travel ran. */
export interface AdvanceView extends ClockView {
  uploads: number;
  tasksStarted: number;
  emailsSent: number;
  emailsCached: number;
}

/** Errors of the JSON API. */
export interface ApiErrorView {
  error: string;
}
