import { randomUUID } from 'node:crypto';
import { type ComposedMessage, composeMessage, simulatorOutcome } from '../../delivery/index.js';
import type { EngineContext } from '../context.js';
import type { DeliveryEvent } from '../inspection.js';
import { ComposeCache, composeInputFor } from './compose-row.js';
import type { EmailRow } from './emails.js';
import { recordEvent } from './events.js';
import { applyDelivery, DELIVER_STATUS } from './outcomes.js';
import { statement } from './statement-cache.js';

/** Rows claimed (and delivered concurrently) per round trip to the database. */
const CLAIM_BATCH = 200;
/** A deferred email is retried this long after the deferral (emulated time). @unit milliseconds */
export const DEFER_RETRY_MS = 60_000;
/** Transport failures are retried this many times before the email is dropped. */
const MAX_ATTEMPTS = 5;
/**
 * A claim older than this is taken over even if its owner looks alive (a hung process).
 * Real time, not emulated: it measures how long a process has been stuck. @unit milliseconds
 */
const CLAIM_LEASE_MS = 10 * 60_000;

/** Identifies this process's claims: `<pid>:<random>`. */
const OWNER = `${process.pid}:${randomUUID()}`;
/** Rows this process is delivering right now, keyed `<database file>#<row id>`. */
const inFlight = new Set<string>();

const DEFER_REASON = '421 4.7.0 try again later (mailbox simulator)';

type Result =
  | { row: EmailRow; kind: 'sent'; subject: string; links: string[]; path: string | undefined }
  | { row: EmailRow; kind: 'deferred' }
  | { row: EmailRow; kind: 'error'; message: string; retry: boolean };

function flightKey(ctx: EngineContext, id: number): string {
  return `${ctx.db.name}#${id}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Puts rows stuck in `sending` back in the queue when their claimer is gone: a process that died
 * (crash, SIGKILL), an earlier instance in this process, or a claim past its lease. They keep
 * their id, so the outbox (idempotent by id) still ends with exactly one file per message.
 */
export function reclaimStale(ctx: EngineContext): number {
  const rows = statement(
    ctx.db,
    "SELECT id, claim_owner, claim_at FROM emails WHERE status = 'sending'",
  ).all() as {
    id: number;
    claim_owner: string | null;
    claim_at: number | null;
  }[];
  const realNow = Date.now();
  const stale = rows.filter((row) => {
    if (row.claim_owner === null || realNow - (row.claim_at ?? 0) > CLAIM_LEASE_MS) return true;
    if (row.claim_owner === OWNER) return !inFlight.has(flightKey(ctx, row.id));
    const pid = Number(row.claim_owner.split(':')[0]);
    return pid === process.pid || !isAlive(pid);
  });
  if (stale.length === 0) return 0;
  return ctx.write(() => {
    const requeue = statement(
      ctx.db,
      "UPDATE emails SET status = 'queued', claim_owner = NULL, claim_at = NULL WHERE id = ? AND status = 'sending' AND claim_owner IS ?",
    );
    let count = 0;
    for (const row of stale) count += requeue.run(row.id, row.claim_owner).changes;
    return count;
  });
}

function claim(ctx: EngineContext, ids: number[]): EmailRow[] {
  const update = statement(
    ctx.db,
    `UPDATE emails SET status = 'sending', claim_owner = ?, claim_at = ?, attempts = attempts + 1
     WHERE id = ? AND status IN ('queued', 'deferred') RETURNING *`,
  );
  const claimed: EmailRow[] = [];
  const realNow = Date.now();
  for (const id of ids) {
    const row = update.get(OWNER, realNow, id) as EmailRow | undefined;
    if (row) {
      claimed.push(row);
      inFlight.add(flightKey(ctx, id));
    }
  }
  return claimed;
}

/**
 * Claims up to `max` deliverable rows in one `BEGIN IMMEDIATE` transaction: the conditional UPDATE
 * means two processes sharing the data directory can never both take a row.
 */
function claimDue(ctx: EngineContext, max: number): EmailRow[] {
  return ctx.write(() => {
    const now = ctx.now().getTime();
    const queued = statement(
      ctx.db,
      "SELECT id FROM emails WHERE status = 'queued' AND carrier_id IS NULL ORDER BY id LIMIT ?",
    )
      .pluck()
      .all(max) as number[];
    const room = max - queued.length;
    const deferred =
      room > 0
        ? (statement(
            ctx.db,
            "SELECT id FROM emails WHERE status = 'deferred' AND due_at <= ? AND carrier_id IS NULL ORDER BY id LIMIT ?",
          )
            .pluck()
            .all(now, room) as number[])
        : [];
    return claim(ctx, [...queued, ...deferred]);
  });
}

async function deliverOne(
  ctx: EngineContext,
  row: EmailRow,
  cache: ComposeCache,
  precomposed?: { composed: ComposedMessage; subject: string },
): Promise<Result> {
  // The `defer@` mailbox refuses the first attempt; the retry a minute later is delivered.
  if (simulatorOutcome(row.to_address) === 'defer' && row.attempts === 1) return { row, kind: 'deferred' };
  let composed: ComposedMessage;
  let subject: string;
  try {
    if (precomposed) {
      ({ composed, subject } = precomposed);
    } else {
      const input = composeInputFor(ctx, row, cache);
      composed = await composeMessage(input);
      subject = input.subject;
    }
  } catch (error) {
    return { row, kind: 'error', message: `could not compose: ${(error as Error).message}`, retry: false };
  }
  if (composed.raw.length > ctx.options.maxEmailBytes) {
    return {
      row,
      kind: 'error',
      message: `message is ${composed.raw.length} bytes; the limit is ${ctx.options.maxEmailBytes}`,
      retry: false,
    };
  }
  try {
    const receipt = await ctx.transport.deliver({
      id: row.message_id,
      envelope: composed.envelope,
      raw: composed.raw,
    });
    return { row, kind: 'sent', subject, links: composed.links, path: receipt.path };
  } catch (error) {
    return { row, kind: 'error', message: (error as Error).message, retry: true };
  }
}

/** Records the results of one delivery round in one transaction; returns the events to emit. */
function finish(ctx: EngineContext, results: Result[]): DeliveryEvent[] {
  return ctx.write(() => {
    const now = ctx.now().getTime();
    const events: DeliveryEvent[] = [];
    const sentPerTask = new Map<number, number>();
    const passengers = statement(ctx.db, 'SELECT * FROM emails WHERE carrier_id = ?');
    const setPath = statement(ctx.db, 'UPDATE emails SET raw_path = ? WHERE id = ?');
    const defer = statement(
      ctx.db,
      `UPDATE emails SET status = 'deferred', deliver_status = ?, deliver_message = ?, due_at = ?,
         claim_owner = NULL WHERE id = ?`,
    );
    const fail = statement(
      ctx.db,
      `UPDATE emails SET status = 'failed', deliver_status = ?, deliver_message = ?, claim_owner = NULL
       WHERE id = ? OR carrier_id = ?`,
    );
    for (const result of results) {
      const { row } = result;
      if (result.kind === 'sent') {
        const recipients = [row, ...(passengers.all(row.id) as EmailRow[])];
        for (const recipient of recipients) {
          events.push(...applyDelivery(ctx, { ...recipient, subject: result.subject }, result.links, now));
        }
        setPath.run(result.path ?? null, row.id);
        if (row.task_id !== null) sentPerTask.set(row.task_id, (sentPerTask.get(row.task_id) ?? 0) + 1);
      } else if (result.kind === 'deferred' || (result.retry && row.attempts < MAX_ATTEMPTS)) {
        const reason = result.kind === 'deferred' ? DEFER_REASON : result.message;
        defer.run(DELIVER_STATUS.deferred, reason, now + DEFER_RETRY_MS, row.id);
        events.push(recordEvent(ctx.db, row, 'deferred', now, { reason }));
      } else {
        fail.run(DELIVER_STATUS.dropped, result.message, row.id, row.id);
        events.push(recordEvent(ctx.db, row, 'dropped', now, { reason: result.message }));
      }
    }
    const bump = statement(
      ctx.db,
      'UPDATE tasks SET send_count = send_count + ?, updated_at = ? WHERE id = ?',
    );
    for (const [taskId, count] of sentPerTask) bump.run(count, now, taskId);
    return events;
  });
}

async function deliverClaimed(
  ctx: EngineContext,
  rows: EmailRow[],
  cache: ComposeCache,
  precomposed?: { composed: ComposedMessage; subject: string },
): Promise<number> {
  try {
    const results = await Promise.all(rows.map((row) => deliverOne(ctx, row, cache, precomposed)));
    const events = finish(ctx, results);
    for (const event of events) ctx.emit(event);
    return results.filter((result) => result.kind === 'sent').length;
  } finally {
    for (const row of rows) inFlight.delete(flightKey(ctx, row.id));
  }
}

/**
 * Delivers everything due: queued rows and deferred rows whose retry time has come. Rows are
 * claimed in small batches, composed and handed to the transport concurrently, then marked sent in
 * one transaction per batch. A crash between the transport and the mark leaves rows in `sending`,
 * which {@link reclaimStale} re-queues; re-delivery uses the same id.
 * @returns how many messages the transport accepted.
 */
export async function drainQueue(ctx: EngineContext): Promise<number> {
  const cache = new ComposeCache(ctx);
  let sent = 0;
  for (;;) {
    const rows = claimDue(ctx, CLAIM_BATCH);
    if (rows.length === 0) return sent;
    sent += await deliverClaimed(ctx, rows, cache);
  }
}

/**
 * Delivers one SendEmail message right away, with the message the request already composed. If
 * another process claimed it first, that process delivers it.
 */
export async function deliverNow(
  ctx: EngineContext,
  carrierId: number,
  composed: ComposedMessage,
  subject: string,
): Promise<void> {
  const rows = ctx.write(() => claim(ctx, [carrierId]));
  if (rows.length > 0) await deliverClaimed(ctx, rows, new ComposeCache(ctx), { composed, subject });
}
