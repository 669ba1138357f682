import type { Database } from 'better-sqlite3';
import type { Migration } from './migration.js';

/**
 * The engine-core tables: clock and counters (`meta`), sender domains and their DKIM keys, sender
 * addresses, templates, recipient groups, blacklists, unsubscribe settings and abuse reports.
 * Times are epoch milliseconds; they are formatted in the configured time zone only on output.
 */
export const coreMigration: Migration = {
  version: 1,
  name: 'core',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE identities (
        domain TEXT PRIMARY KEY,
        dkim_option INTEGER NOT NULL DEFAULT 0,
        verified INTEGER NOT NULL DEFAULT 0,
        tags TEXT NOT NULL DEFAULT '[]',
        attributes TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL,
        verified_at INTEGER
      );

      CREATE TABLE dkim_keys (
        domain TEXT NOT NULL REFERENCES identities(domain) ON DELETE CASCADE,
        bits INTEGER NOT NULL,
        selector TEXT NOT NULL,
        private_key TEXT NOT NULL,
        public_key TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (domain, bits)
      );

      CREATE TABLE senders (
        address TEXT PRIMARY KEY,
        domain TEXT NOT NULL REFERENCES identities(domain),
        sender_name TEXT NOT NULL DEFAULT '',
        smtp_password_hash TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX senders_domain ON senders(domain);

      CREATE TABLE templates (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        html TEXT,
        text TEXT,
        status INTEGER NOT NULL,
        review_reason TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE receivers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        status INTEGER NOT NULL DEFAULT 1,
        data_keys TEXT,
        created_at INTEGER NOT NULL
      );

      -- pending = 1 while the asynchronous upload that added the row has not been processed.
      CREATE TABLE receiver_details (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        receiver_id INTEGER NOT NULL REFERENCES receivers(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        template_data TEXT,
        status INTEGER NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        pending INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL
      );
      -- pending is not indexed, so completing an upload rewrites no index entries.
      CREATE INDEX receiver_details_receiver ON receiver_details(receiver_id, id);

      CREATE TABLE bounce_blacklist (
        email TEXT PRIMARY KEY,
        bounce_time INTEGER NOT NULL,
        isp_desc TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX bounce_blacklist_time ON bounce_blacklist(bounce_time);

      -- expire_date is a YYYY-MM-DD day in the engine's time zone, inclusive; NULL = never.
      CREATE TABLE custom_blacklist (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        email TEXT NOT NULL UNIQUE,
        expire_date TEXT,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE unsubscribe_configs (
        address TEXT PRIMARY KEY,
        config TEXT NOT NULL,
        status INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE unsubscribed (
        email TEXT NOT NULL,
        domain TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (email, domain)
      );

      CREATE TABLE abuse_reports (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        deliver_time INTEGER,
        original_mail_from TEXT NOT NULL,
        original_rcpt_to TEXT NOT NULL,
        from_domain TEXT NOT NULL,
        complain_time INTEGER NOT NULL,
        mta TEXT NOT NULL,
        source_ip TEXT NOT NULL DEFAULT '',
        insert_time INTEGER NOT NULL,
        template_id TEXT NOT NULL DEFAULT '',
        bulk_id TEXT NOT NULL DEFAULT '',
        message_id TEXT NOT NULL DEFAULT '',
        abuse_time INTEGER NOT NULL,
        subject TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX abuse_reports_time ON abuse_reports(complain_time);
    `);
    seedSequences(db);
  },
};

/**
 * Starts numeric IDs where the service's do (five digits and up), so scripts never meet the tiny
 * IDs only a fresh emulator would produce.
 */
function seedSequences(db: Database): void {
  const seed = db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)');
  seed.run('templates', 10000);
  seed.run('receivers', 10000);
  seed.run('custom_blacklist', 1000);
}
