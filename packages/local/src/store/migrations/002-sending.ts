import type { Migration } from './migration.js';

/**
 * Sending tables: batch tasks, one row per recipient message (the delivery state machine and its
 * status record), events, per-day aggregates and warm-up history.
 *
 * `emails.status`: `queued → sending → sent | failed`, plus `deferred` (waits for `due_at`) and
 * `refused` (a per-recipient check failed; `send_status` says which, nothing is delivered).
 * A SendEmail with several recipients delivers ONE message: its first accepted row is the carrier
 * (`carrier_id IS NULL`), the other rows point at it and follow its status.
 */
const SQL = `
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  from_address TEXT NOT NULL,
  sender_email TEXT NOT NULL,
  sender_domain TEXT NOT NULL,
  receiver_id INTEGER NOT NULL,
  receivers_name TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL,
  template_id INTEGER NOT NULL,
  template_data TEXT NOT NULL DEFAULT '{}',
  task_type INTEGER NOT NULL,
  status INTEGER NOT NULL,
  request_count INTEGER NOT NULL DEFAULT 0,
  send_count INTEGER NOT NULL DEFAULT 0,
  cache_count INTEGER NOT NULL DEFAULT 0,
  reply_to TEXT,
  unsubscribe TEXT,
  ad_location INTEGER NOT NULL DEFAULT 0,
  attachments TEXT NOT NULL DEFAULT '[]',
  begin_time TEXT,
  interval_hours INTEGER,
  term_cycle INTEGER NOT NULL DEFAULT 0,
  next_run_at INTEGER,
  run_number INTEGER NOT NULL DEFAULT 0,
  run_total INTEGER NOT NULL DEFAULT 0,
  run_cursor INTEGER NOT NULL DEFAULT 0,
  run_last_id INTEGER NOT NULL DEFAULT 0,
  run_enqueued INTEGER NOT NULL DEFAULT 0,
  run_done INTEGER NOT NULL DEFAULT 1,
  resume_at INTEGER,
  err_msg TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX tasks_due ON tasks (status, next_run_at);

CREATE TABLE emails (
  id INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL,
  smtp_message_id TEXT NOT NULL,
  carrier_id INTEGER,
  task_id INTEGER,
  from_address TEXT NOT NULL,
  from_email TEXT NOT NULL,
  sender_domain TEXT NOT NULL,
  to_address TEXT NOT NULL,
  to_domain TEXT NOT NULL,
  template_id INTEGER,
  subject TEXT NOT NULL,
  template_data TEXT,
  payload TEXT,
  status TEXT NOT NULL,
  send_status INTEGER NOT NULL DEFAULT 0,
  deliver_status INTEGER NOT NULL DEFAULT 0,
  deliver_message TEXT NOT NULL DEFAULT '',
  request_time INTEGER NOT NULL,
  request_date TEXT NOT NULL,
  deliver_time INTEGER NOT NULL DEFAULT 0,
  due_at INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  claim_owner TEXT,
  claim_at INTEGER,
  token TEXT NOT NULL UNIQUE,
  links TEXT,
  raw_path TEXT,
  opened INTEGER NOT NULL DEFAULT 0,
  clicked INTEGER NOT NULL DEFAULT 0,
  unsubscribed INTEGER NOT NULL DEFAULT 0,
  complained INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX emails_queue ON emails (status, due_at) WHERE status IN ('queued', 'deferred', 'sending');
CREATE INDEX emails_by_date ON emails (request_date, id);
CREATE INDEX emails_by_message ON emails (message_id);
CREATE INDEX emails_by_recipient ON emails (to_address, request_time);
CREATE INDEX emails_by_task ON emails (task_id, status) WHERE task_id IS NOT NULL;
CREATE INDEX emails_by_carrier ON emails (carrier_id) WHERE carrier_id IS NOT NULL;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  email_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  time INTEGER NOT NULL,
  reason TEXT,
  bounce_type TEXT,
  link TEXT,
  user_agent TEXT
);
CREATE INDEX events_by_email ON events (email_id, id);

CREATE TABLE daily_stats (
  date TEXT NOT NULL,
  sender_domain TEXT NOT NULL,
  recipient_domain TEXT NOT NULL,
  requests INTEGER NOT NULL DEFAULT 0,
  accepted INTEGER NOT NULL DEFAULT 0,
  delivered INTEGER NOT NULL DEFAULT 0,
  opened INTEGER NOT NULL DEFAULT 0,
  clicked INTEGER NOT NULL DEFAULT 0,
  bounced INTEGER NOT NULL DEFAULT 0,
  unsubscribed INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (date, sender_domain, recipient_domain)
) WITHOUT ROWID;
CREATE INDEX daily_stats_by_recipient ON daily_stats (recipient_domain, date);
CREATE INDEX daily_stats_by_sender ON daily_stats (sender_domain, date);

CREATE TABLE warmup_domains (
  domain TEXT PRIMARY KEY,
  first_date TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE warmup_usage (
  domain TEXT NOT NULL,
  date TEXT NOT NULL,
  sent INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (domain, date)
) WITHOUT ROWID;
`;

/** Migration 2: the sending tables (owned by the sending engine). */
export const sendingMigration: Migration = {
  version: 2,
  name: 'sending',
  up(db) {
    db.exec(SQL);
    // Task IDs start in the service's range, like the other numeric IDs.
    db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('tasks', 100000)").run();
  },
};
