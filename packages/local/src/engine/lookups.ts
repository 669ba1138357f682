import { scryptSync, timingSafeEqual } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { formatDate } from './time.js';

// Read (and a few write) helpers over the engine-core tables, for the sending engine and the
// emulator. Addresses and domains are stored lower-cased; callers may pass any case.

/** A sender address (`CreateEmailAddress`). */
export interface SenderRecord {
  readonly address: string;
  readonly domain: string;
  /** Display name; '' when none. */
  readonly senderName: string;
  readonly hasSmtpPassword: boolean;
  /** @unit epoch milliseconds */
  readonly createdAt: number;
}

/** A DKIM key of a sender domain. */
export interface DkimKey {
  readonly bits: 1024 | 2048;
  readonly selector: string;
  /** PEM. */
  readonly privateKey: string;
}

/** A sender domain (`CreateEmailIdentity`). */
export interface IdentityRecord {
  readonly domain: string;
  readonly verified: boolean;
  readonly dkimOption: number;
  /** @unit epoch milliseconds */
  readonly createdAt: number;
  /** The key to sign with: the 2048-bit one when `dkimOption` is 1 or 2, else the 1024-bit one. */
  readonly dkim: DkimKey | undefined;
}

/** A template (`CreateEmailTemplate`); contents decoded from the base64 they were given in. */
export interface TemplateRecord {
  readonly id: number;
  readonly name: string;
  /** 0 approved · 1 pending review · 2 rejected */
  readonly status: number;
  readonly html: string | undefined;
  readonly text: string | undefined;
}

/** A recipient group (`CreateReceiver`). */
export interface ReceiverRecord {
  readonly id: number;
  readonly name: string;
  /** 1 awaiting upload · 2 uploading · 3 upload complete */
  readonly status: number;
  /** Variable names of the group's `TemplateData` (from its first upload with data), if any. */
  readonly dataKeys: readonly string[] | undefined;
  /** Processed addresses, valid and invalid. */
  readonly count: number;
  /** First detail id of the upload still processing (status 2); details from it on are hidden. */
  readonly pendingFrom: number | undefined;
}

/**
 * SQL condition: detail `d` of group `r` is visible, i.e. not part of an upload still processing.
 * An upload's rows get ids from `r.pending_from` up (ids only grow), so one comparison on the
 * `(receiver_id, id)` index separates them.
 */
export const VISIBLE_DETAIL = 'd.id < COALESCE(r.pending_from, 9007199254740991)';

/** One processed address of a recipient group. */
export interface ReceiverDetailRecord {
  readonly id: number;
  readonly email: string;
  /** The JSON object string given at upload, or undefined. */
  readonly templateData: string | undefined;
  /** 1 valid · 2 invalid */
  readonly status: number;
}

/** The address-level unsubscribe setting of a sender (`CreateAddressUnsubscribeConfig`). */
export interface UnsubscribeConfigRecord {
  readonly address: string;
  /** Language code `"0"`…`"10"`. */
  readonly config: string;
  /** 0 off · 1 on */
  readonly status: number;
}

/** The part of an address after the last `@`, lower-cased. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** The sender address, or undefined when it was never created. */
export function findSender(db: Database, address: string): SenderRecord | undefined {
  const row = db
    .prepare(
      'SELECT address, domain, sender_name, smtp_password_hash, created_at FROM senders WHERE address = ?',
    )
    .get(address.toLowerCase()) as
    | {
        address: string;
        domain: string;
        sender_name: string;
        smtp_password_hash: string | null;
        created_at: number;
      }
    | undefined;
  if (!row) return undefined;
  return {
    address: row.address,
    domain: row.domain,
    senderName: row.sender_name,
    hasSmtpPassword: row.smtp_password_hash !== null,
    createdAt: row.created_at,
  };
}

/** The sender domain with its signing key, or undefined when it was never created. */
export function findIdentity(db: Database, domain: string): IdentityRecord | undefined {
  const row = db
    .prepare('SELECT domain, verified, dkim_option, created_at FROM identities WHERE domain = ?')
    .get(domain.toLowerCase()) as
    | { domain: string; verified: number; dkim_option: number; created_at: number }
    | undefined;
  if (!row) return undefined;
  const keys = db
    .prepare('SELECT bits, selector, private_key FROM dkim_keys WHERE domain = ? ORDER BY bits')
    .all(row.domain) as { bits: 1024 | 2048; selector: string; private_key: string }[];
  const wanted = row.dkim_option === 0 ? 1024 : 2048;
  const key = keys.find((k) => k.bits === wanted) ?? keys[0];
  return {
    domain: row.domain,
    verified: row.verified === 1,
    dkimOption: row.dkim_option,
    createdAt: row.created_at,
    dkim: key ? { bits: key.bits, selector: key.selector, privateKey: key.private_key } : undefined,
  };
}

/** The sender domain only if it is verified (the precondition of any send from it). */
export function findVerifiedDomain(db: Database, domain: string): IdentityRecord | undefined {
  const identity = findIdentity(db, domain);
  return identity?.verified ? identity : undefined;
}

/** Every sender domain, oldest first. */
export function listIdentityDomains(db: Database): string[] {
  return (
    db.prepare('SELECT domain FROM identities ORDER BY created_at, domain').all() as { domain: string }[]
  ).map((r) => r.domain);
}

/** The template, with its contents decoded to text. */
export function findTemplate(db: Database, id: number): TemplateRecord | undefined {
  const row = db.prepare('SELECT id, name, status, html, text FROM templates WHERE id = ?').get(id) as
    | { id: number; name: string; status: number; html: string | null; text: string | null }
    | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    html: row.html === null ? undefined : Buffer.from(row.html, 'base64').toString('utf8'),
    text: row.text === null ? undefined : Buffer.from(row.text, 'base64').toString('utf8'),
  };
}

/** The recipient group, or undefined. */
export function findReceiver(db: Database, id: number): ReceiverRecord | undefined {
  const row = db
    .prepare(
      `SELECT id, name, status, data_keys, pending_from,
        (SELECT COUNT(*) FROM receiver_details d WHERE d.receiver_id = r.id AND ${VISIBLE_DETAIL}) AS count
       FROM receivers r WHERE id = ?`,
    )
    .get(id) as
    | {
        id: number;
        name: string;
        status: number;
        data_keys: string | null;
        pending_from: number | null;
        count: number;
      }
    | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    dataKeys: row.data_keys === null ? undefined : (JSON.parse(row.data_keys) as string[]),
    count: row.count,
    pendingFrom: row.pending_from ?? undefined,
  };
}

/**
 * The processed addresses of a group in upload order, `batchSize` rows per query, starting after
 * detail id `afterId` (so a resumed task can continue where it stopped).
 */
export function* iterateReceiverDetails(
  db: Database,
  receiverId: number,
  options: { afterId?: number; batchSize?: number } = {},
): Generator<ReceiverDetailRecord> {
  const batchSize = options.batchSize ?? 1000;
  const page = db.prepare(
    `SELECT d.id, d.email, d.template_data, d.status FROM receiver_details d JOIN receivers r ON r.id = d.receiver_id
     WHERE d.receiver_id = ? AND d.id > ? AND ${VISIBLE_DETAIL} ORDER BY d.id LIMIT ?`,
  );
  let afterId = options.afterId ?? 0;
  for (;;) {
    const rows = page.all(receiverId, afterId, batchSize) as {
      id: number;
      email: string;
      template_data: string | null;
      status: number;
    }[];
    for (const row of rows) {
      yield {
        id: row.id,
        email: row.email,
        templateData: row.template_data ?? undefined,
        status: row.status,
      };
    }
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    afterId = last.id;
  }
}

/** True when a hard bounce put the address on the bounce blacklist (until `DeleteBlackList`). */
export function isBounceBlacklisted(db: Database, email: string): boolean {
  return db.prepare('SELECT 1 FROM bounce_blacklist WHERE email = ?').get(email.toLowerCase()) !== undefined;
}

/** Puts an address on the bounce blacklist after a hard bounce (refreshes time and reason if listed). */
export function addBounceBlacklist(db: Database, email: string, reason: string, at: number): void {
  db.prepare(
    `INSERT INTO bounce_blacklist (email, bounce_time, isp_desc) VALUES (?, ?, ?)
     ON CONFLICT (email) DO UPDATE SET bounce_time = excluded.bounce_time, isp_desc = excluded.isp_desc`,
  ).run(email.toLowerCase(), at, reason);
}

/** True when the address is on the custom blacklist and its expiry date has not passed at `now`. */
export function isCustomBlacklisted(db: Database, email: string, now: Date, timeZone: string): boolean {
  const today = formatDate(now.getTime(), timeZone);
  return (
    db
      .prepare('SELECT 1 FROM custom_blacklist WHERE email = ? AND (expire_date IS NULL OR expire_date >= ?)')
      .get(email.toLowerCase(), today) !== undefined
  );
}

/** True when the recipient unsubscribed from mail of that sender domain. */
export function isUnsubscribed(db: Database, email: string, domain: string): boolean {
  return (
    db
      .prepare('SELECT 1 FROM unsubscribed WHERE email = ? AND domain = ?')
      .get(email.toLowerCase(), domain.toLowerCase()) !== undefined
  );
}

/** Records that the recipient unsubscribed from mail of that sender domain (idempotent). */
export function addUnsubscribed(db: Database, email: string, domain: string, at: number): void {
  db.prepare('INSERT OR IGNORE INTO unsubscribed (email, domain, created_at) VALUES (?, ?, ?)').run(
    email.toLowerCase(),
    domain.toLowerCase(),
    at,
  );
}

/** The sender's address-level unsubscribe setting, or undefined. */
export function findUnsubscribeConfig(db: Database, address: string): UnsubscribeConfigRecord | undefined {
  const row = db
    .prepare('SELECT address, config, status FROM unsubscribe_configs WHERE address = ?')
    .get(address.toLowerCase()) as UnsubscribeConfigRecord | undefined;
  return row ? { address: row.address, config: row.config, status: row.status } : undefined;
}

/** A spam complaint, as `GetAbuseReport` lists it. Times are epoch milliseconds. */
export interface AbuseReportInput {
  readonly deliverTime?: number;
  readonly from: string;
  readonly to: string;
  readonly complainTime: number;
  readonly sourceIp?: string;
  readonly templateId?: number;
  readonly bulkId?: string;
  readonly messageId?: string;
  readonly subject?: string;
}

/** Records a spam complaint (the sending engine calls this for `complaint@simulator.test`). */
export function addAbuseReport(db: Database, report: AbuseReportInput): void {
  db.prepare(
    `INSERT INTO abuse_reports (deliver_time, original_mail_from, original_rcpt_to, from_domain, complain_time,
       mta, source_ip, insert_time, template_id, bulk_id, message_id, abuse_time, subject)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    report.deliverTime ?? null,
    report.from.toLowerCase(),
    report.to.toLowerCase(),
    domainOf(report.from),
    report.complainTime,
    domainOf(report.to),
    report.sourceIp ?? '127.0.0.1',
    report.complainTime,
    report.templateId === undefined ? '' : String(report.templateId),
    report.bulkId ?? '',
    report.messageId ?? '',
    report.complainTime,
    report.subject ?? '',
  );
}

/**
 * True when `password` is the sender's SMTP password (for an SMTP front end). False when the
 * sender does not exist or has none.
 */
export function verifySmtpPassword(db: Database, address: string, password: string): boolean {
  const row = db
    .prepare('SELECT smtp_password_hash FROM senders WHERE address = ?')
    .get(address.toLowerCase()) as { smtp_password_hash: string | null } | undefined;
  return row?.smtp_password_hash ? matchesPasswordHash(row.smtp_password_hash, password) : false;
}

const SCRYPT_KEY_BYTES = 32;

/** Hashes a password as `scrypt$<salt hex>$<key hex>`. */
export function hashPassword(password: string, salt: Buffer): string {
  const key = scryptSync(password, salt, SCRYPT_KEY_BYTES);
  return `scrypt$${salt.toString('hex')}$${key.toString('hex')}`;
}

/** Compares a password with a {@link hashPassword} result in constant time. */
export function matchesPasswordHash(hash: string, password: string): boolean {
  const [scheme, saltHex, keyHex] = hash.split('$');
  if (scheme !== 'scrypt' || !saltHex || !keyHex) return false;
  const expected = Buffer.from(keyHex, 'hex');
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length);
  return timingSafeEqual(expected, actual);
}
