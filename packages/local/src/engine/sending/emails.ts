import type { Database, Statement } from 'better-sqlite3';
import { bumpStat, type StatTally } from './stats.js';

/** Where one recipient's email is in its life: see migration 002. */
export type EmailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'deferred' | 'refused';

/** One `emails` row (the delivery unit of a recipient and its status record). */
export interface EmailRow {
  id: number;
  message_id: string;
  smtp_message_id: string;
  carrier_id: number | null;
  task_id: number | null;
  from_address: string;
  from_email: string;
  sender_domain: string;
  to_address: string;
  to_domain: string;
  template_id: number | null;
  subject: string;
  template_data: string | null;
  payload: string | null;
  status: EmailStatus;
  send_status: number;
  deliver_status: number;
  deliver_message: string;
  request_time: number;
  request_date: string;
  deliver_time: number;
  due_at: number;
  attempts: number;
  claim_owner: string | null;
  claim_at: number | null;
  token: string;
  links: string | null;
  raw_path: string | null;
  opened: number;
  clicked: number;
  unsubscribed: number;
  complained: number;
}

/** What a caller supplies to record a new email. */
export interface NewEmail {
  messageId: string;
  smtpMessageId: string;
  carrierId: number | null;
  taskId: number | null;
  fromAddress: string;
  fromEmail: string;
  senderDomain: string;
  toAddress: string;
  templateId: number | null;
  subject: string;
  templateData: string | null;
  payload: string | null;
  status: 'queued' | 'refused';
  sendStatus: number;
  requestTime: number;
  requestDate: string;
  token: string;
}

const inserts = new WeakMap<Database, Statement>();

/** The recipient's domain, lower-cased: the `ReceivingMailboxType` of the statistics. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Records one recipient's email and counts it in the day's aggregate (requested, and accepted when
 * it passed the checks), directly or in `tally` for the caller to flush. Must run inside the
 * caller's write transaction.
 */
export function insertEmail(db: Database, email: NewEmail, tally?: StatTally): number {
  let insert = inserts.get(db);
  if (!insert) {
    insert = db.prepare(
      `INSERT INTO emails (message_id, smtp_message_id, carrier_id, task_id, from_address, from_email,
         sender_domain, to_address, to_domain, template_id, subject, template_data, payload, status,
         send_status, request_time, request_date, token)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    inserts.set(db, insert);
  }
  const toDomain = domainOf(email.toAddress);
  const id = Number(
    insert.run(
      email.messageId,
      email.smtpMessageId,
      email.carrierId,
      email.taskId,
      email.fromAddress,
      email.fromEmail,
      email.senderDomain,
      email.toAddress,
      toDomain,
      email.templateId,
      email.subject,
      email.templateData,
      email.payload,
      email.status,
      email.sendStatus,
      email.requestTime,
      email.requestDate,
      email.token,
    ).lastInsertRowid,
  );
  const key = { date: email.requestDate, senderDomain: email.senderDomain, recipientDomain: toDomain };
  if (tally) {
    tally.add('requests', key);
    if (email.status === 'queued') tally.add('accepted', key);
  } else {
    bumpStat(db, 'requests', key);
    if (email.status === 'queued') bumpStat(db, 'accepted', key);
  }
  return id;
}

/** The aggregate key of an existing row. */
export function statKey(row: Pick<EmailRow, 'request_date' | 'sender_domain' | 'to_domain'>) {
  return { date: row.request_date, senderDomain: row.sender_domain, recipientDomain: row.to_domain };
}
