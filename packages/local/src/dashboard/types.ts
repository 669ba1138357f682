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
 * One captured email in the outbox list: the engine's `MessageSummary`, restated because the
 * browser app type-checks without Node's types, which the engine's inspection module needs.
 */
export interface MessageListItem {
  id: string;
  smtpMessageId: string;
  from: string;
  to: string;
  subject: string;
  taskId?: number;
  status: string;
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
  /** The HTML part with the open-tracking pixel removed (viewing here must not count as an open). */
  html?: string;
  text?: string;
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
  createdAt: string;
  updatedAt: string;
  error?: string;
}

/** `GET /ui/api/tasks`: newest first. */
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
