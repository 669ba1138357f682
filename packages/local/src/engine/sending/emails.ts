import type { Database, Statement } from 'better-sqlite3';
import { refusedDelivery } from './recipient-checks.js';
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
  /** 1 once the message was deleted from the inspection API (its records stay). */
  forgotten: number;
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

/** A delivery claim: the process that delivers a `sending` row, and since when (real time, ms). */
export interface Claim {
  owner: string;
  at: number;
}

const inserts = new WeakMap<Database, Statement>();

/** The recipient's domain, lower-cased: the `ReceivingMailboxType` of the statistics. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Records one recipient's email and counts it in the day's aggregate (requested, and accepted when
 * it passed the checks), directly or in `tally` for the caller to flush. With a `claim`, an
 * accepted email is recorded as claimed already (`sending`, first attempt), so the process that
 * inserts it can deliver it without a second write of the row. Must run inside the caller's write
 * transaction.
 */
export function insertEmail(db: Database, email: NewEmail, tally?: StatTally, claim?: Claim): number {
  let insert = inserts.get(db);
  if (!insert) {
    insert = db.prepare(
      `INSERT INTO emails (message_id, smtp_message_id, carrier_id, task_id, from_address, from_email,
         sender_domain, to_address, to_domain, template_id, subject, template_data, payload, status,
         send_status, request_time, request_date, token, attempts, claim_owner, claim_at,
         deliver_status, deliver_message)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    inserts.set(db, insert);
  }
  const toDomain = domainOf(email.toAddress);
  const claimed = claim !== undefined && email.status === 'queued';
  const refused = email.status === 'refused' ? refusedDelivery(email.sendStatus) : undefined;
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
      claimed ? 'sending' : email.status,
      email.sendStatus,
      email.requestTime,
      email.requestDate,
      email.token,
      claimed ? 1 : 0,
      claimed ? claim.owner : null,
      claimed ? claim.at : null,
      refused?.status ?? 0,
      refused?.message ?? '',
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

/**
 * The row {@link insertEmail} wrote for `email` with `claim`, built from the values it was given
 * instead of read back: reading 30-odd columns costs more than the insert (test: equal to the row
 * as read).
 */
export function claimedRow(id: number, email: NewEmail, claim: Claim): EmailRow {
  return {
    id,
    message_id: email.messageId,
    smtp_message_id: email.smtpMessageId,
    carrier_id: email.carrierId,
    task_id: email.taskId,
    from_address: email.fromAddress,
    from_email: email.fromEmail,
    sender_domain: email.senderDomain,
    to_address: email.toAddress,
    to_domain: domainOf(email.toAddress),
    template_id: email.templateId,
    subject: email.subject,
    template_data: email.templateData,
    payload: email.payload,
    status: 'sending',
    send_status: email.sendStatus,
    deliver_status: 0,
    deliver_message: '',
    request_time: email.requestTime,
    request_date: email.requestDate,
    deliver_time: 0,
    due_at: 0,
    attempts: 1,
    claim_owner: claim.owner,
    claim_at: claim.at,
    token: email.token,
    links: null,
    raw_path: null,
    opened: 0,
    clicked: 0,
    unsubscribed: 0,
    complained: 0,
    forgotten: 0,
  };
}

/** The aggregate key of an existing row. */
export function statKey(row: Pick<EmailRow, 'request_date' | 'sender_domain' | 'to_domain'>) {
  return { date: row.request_date, senderDomain: row.sender_domain, recipientDomain: row.to_domain };
}
