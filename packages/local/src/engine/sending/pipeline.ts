import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { setImmediate } from 'node:timers/promises';
import type { ComposedMessage } from '../../delivery/compose.js';
import { DeliveryWorkerError } from '../../delivery/delivery-worker.js';
import { simulatorOutcome } from '../../delivery/simulator.js';
import type { DeliveryReceipt, OutgoingMessage } from '../../delivery/transport.js';
import { toStorageError } from '../../store/storage-error.js';
import type { EngineContext } from '../context.js';
import type { DeliveryEvent } from '../inspection.js';
import type { ComposedRow } from './compose-row.js';
import { DELIVER_STATUS } from './deliver-status.js';
import type { Claim, EmailRow } from './emails.js';
import { recordEvent } from './events.js';
import { loadComposing } from './load-composing.js';
import { applyDelivery } from './outcomes.js';
import { statement } from './statement-cache.js';
import { StatTally } from './stats.js';

/**
 * Rows claimed per transaction, composed together and handed to the transport as one batch (one
 * call). Two chunks at most are in memory: one composing, one being written.
 */
const CLAIM_BATCH = 500;
/** Rows composed between two turns of the event loop. */
const YIELD_EVERY = 32;
/**
 * Compositions in progress at once (a batch email is in progress until the signing worker has
 * signed it): enough to keep that worker signing while the next rows are composed, bounded so that
 * large messages (attachments, nodemailer's composer) are not all being built at the same time.
 */
const COMPOSING_AT_ONCE = 256;
/** A deferred email is retried this long after the deferral (emulated time). @unit milliseconds */
export const DEFER_RETRY_MS = 60_000;
/** Transport failures are retried this many times before the email is dropped (storage failures: always). */
const MAX_ATTEMPTS = 5;
/**
 * A claim older than this is taken over even if its owner looks alive (a hung process).
 * Real time, not emulated: it measures how long a process has been stuck. @unit milliseconds
 */
const CLAIM_LEASE_MS = 10 * 60_000;

/**
 * The condition of the partial index `emails_queue`, spelled exactly as in migration 002: SQLite
 * uses a partial index only when the query repeats its WHERE term, and without it every claim
 * would scan the whole table (all the sent history included).
 */
const IN_QUEUE = "status IN ('queued', 'deferred', 'sending')";

/**
 * Where process ids can be compared: one boot of one machine and one PID namespace. Two containers
 * sharing a data directory may both be PID 1; a claim from another scope is never judged by its PID.
 */
function pidScope(): string {
  let scope = hostname();
  try {
    scope = `${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()} ${readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    // Not Linux: the host name is the best this process can tell.
  }
  return createHash('sha256').update(scope).digest('hex').slice(0, 16);
}

/** Identifies this process's claims: `<pid scope>:<pid>:<random>`. */
const OWNER = `${pidScope()}:${process.pid}:${randomUUID()}`;
const [OWN_SCOPE] = OWNER.split(':') as [string];
/** Rows this process is delivering right now, keyed `<database file>#<row id>`. */
const inFlight = new Set<string>();

const DEFER_REASON = '421 4.7.0 try again later (mailbox simulator)';

type Result =
  | {
      row: EmailRow;
      kind: 'sent';
      subject: string;
      /** The message's tracked links, as stored: a JSON array. */
      links: string;
      path: string | undefined;
      /** Recipients an SMTP relay refused (lower-cased); the others got it. */
      rejected: ReadonlySet<string>;
    }
  | { row: EmailRow; kind: 'deferred' }
  | {
      row: EmailRow;
      kind: 'error';
      message: string;
      retry: boolean;
      /** A storage failure where the transport writes (the outbox's disk full, not writable). */
      storage?: boolean;
    };

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
 * (crash, SIGKILL), an earlier instance in this process, or a claim past its lease (the only test
 * for a process in another PID namespace or on another machine). They keep
 * their id, so the outbox (idempotent by id) still ends with exactly one file per message.
 */
export async function reclaimStale(ctx: EngineContext): Promise<number> {
  const rows = statement(
    ctx.db,
    `SELECT id, message_id, claim_owner, claim_at FROM emails WHERE ${IN_QUEUE} AND status = 'sending'`,
  ).all() as {
    id: number;
    message_id: string;
    claim_owner: string | null;
    claim_at: number | null;
  }[];
  const realNow = Date.now();
  const stale = rows.filter((row) => {
    if (row.claim_owner === null || realNow - (row.claim_at ?? 0) > CLAIM_LEASE_MS) return true;
    if (row.claim_owner === OWNER) return !inFlight.has(flightKey(ctx, row.id));
    const parts = row.claim_owner.split(':');
    // `<pid>:<random>`, written by versions before the scope was added, counts as this scope.
    const [scope, pid] = parts.length === 2 ? [OWN_SCOPE, Number(parts[0])] : [parts[0], Number(parts[1])];
    // Another scope's process cannot be looked up here: only its lease running out frees its claims.
    if (scope !== OWN_SCOPE) return false;
    return pid === process.pid || !isAlive(pid);
  });
  if (stale.length === 0) return 0;
  // What the dead claimer left half-written (the outbox's temporary files) goes first.
  await ctx.transport.discardPartial?.(stale.map((row) => row.message_id));
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

/** Claims one row (a SendEmail carrier) unless another process already took it. */
function claimOne(ctx: EngineContext, id: number): EmailRow[] {
  const row = statement(
    ctx.db,
    `UPDATE emails SET status = 'sending', claim_owner = ?, claim_at = ?, attempts = attempts + 1
     WHERE id = ? AND status IN ('queued', 'deferred') RETURNING *`,
  ).get(OWNER, Date.now(), id) as EmailRow | undefined;
  if (!row) return [];
  inFlight.add(flightKey(ctx, id));
  return [row];
}

/**
 * Claims up to `max` deliverable rows in one `BEGIN IMMEDIATE` transaction: the conditional UPDATE
 * means two processes sharing the data directory can never both take a row. Queued rows first,
 * then deferred rows whose retry is due; each kind with one set-based UPDATE.
 */
function claimDue(ctx: EngineContext, max: number): EmailRow[] {
  return ctx.write(() => {
    const now = ctx.now().getTime();
    const realNow = Date.now();
    const queued = statement(
      ctx.db,
      `UPDATE emails SET status = 'sending', claim_owner = ?, claim_at = ?, attempts = attempts + 1
       WHERE id IN (SELECT id FROM emails WHERE ${IN_QUEUE} AND status = 'queued' AND carrier_id IS NULL
                    ORDER BY due_at, id LIMIT ?)
       RETURNING *`,
    ).all(OWNER, realNow, max) as EmailRow[];
    const room = max - queued.length;
    const deferred =
      room > 0
        ? (statement(
            ctx.db,
            `UPDATE emails SET status = 'sending', claim_owner = ?, claim_at = ?, attempts = attempts + 1
             WHERE id IN (SELECT id FROM emails WHERE ${IN_QUEUE} AND status = 'deferred' AND due_at <= ?
                          AND carrier_id IS NULL ORDER BY due_at, id LIMIT ?)
             RETURNING *`,
          ).all(OWNER, realNow, now, room) as EmailRow[])
        : [];
    const claimed = [...queued, ...deferred].sort((a, b) => a.id - b.id);
    for (const row of claimed) inFlight.add(flightKey(ctx, row.id));
    return claimed;
  });
}

/** A claimed row ready for the transport, or what stopped it before the transport. */
type Prepared =
  | { row: EmailRow; kind: 'ready'; message: OutgoingMessage; subject: string; links: string }
  | Exclude<Result, { kind: 'sent' }>;

/** How a claimed row becomes a message: the batch/SendEmail composers, or a message composed already. */
type Compose = (row: EmailRow) => Promise<ComposedRow>;

/**
 * The `defer@` mailbox refuses a message's first attempt; the retry a minute later is delivered. A
 * SendEmail to several recipients is one message (the carrier row, its other recipients riding
 * along): a `defer@` among any of them defers it. "First" is read from the delivery status, not the
 * attempt count: a claim cut short by a crash counts an attempt that never reached the recipient.
 */
function deferredBySimulator(ctx: EngineContext, row: EmailRow): boolean {
  if (row.deliver_status === DELIVER_STATUS.deferred) return false;
  if (simulatorOutcome(row.to_address) === 'defer') return true;
  if (row.task_id !== null) return false;
  const others = statement(ctx.db, 'SELECT to_address FROM emails WHERE carrier_id = ?')
    .pluck()
    .all(row.id) as string[];
  return others.some((address) => simulatorOutcome(address) === 'defer');
}

/**
 * Composes a claimed row and checks its size; nothing is handed to the transport yet. Never
 * rejects: a chunk's results are awaited only after the next chunk is composed, and whatever
 * happens to one row must be recorded for that row.
 */
async function prepare(ctx: EngineContext, row: EmailRow, compose: Compose): Promise<Prepared> {
  try {
    if (deferredBySimulator(ctx, row)) return { row, kind: 'deferred' };
  } catch (error) {
    // The database could not be read: nothing is known about the row yet, so it is tried again.
    return {
      row,
      kind: 'error',
      message: `could not read the recipients: ${(error as Error).message}`,
      retry: true,
    };
  }
  let composed: ComposedRow;
  try {
    composed = await compose(row);
  } catch (error) {
    // A message that cannot be composed never will be; a worker thread that died may start again.
    const retry = error instanceof DeliveryWorkerError;
    return { row, kind: 'error', message: `could not compose: ${(error as Error).message}`, retry };
  }
  const { raw, envelope, links } = composed.composed;
  if (raw.length > ctx.options.maxEmailBytes) {
    return {
      row,
      kind: 'error',
      message: `message is ${raw.length} bytes; the limit is ${ctx.options.maxEmailBytes}`,
      retry: false,
    };
  }
  return {
    row,
    kind: 'ready',
    message: { id: row.message_id, envelope, raw },
    subject: composed.subject,
    // In the form it is stored in: one string per row until the row is recorded, not an array.
    links: JSON.stringify(links),
  };
}

/**
 * Hands the ready messages to the transport: in one `deliverMany` call when the transport has it,
 * else one `deliver` per message, all in flight together.
 */
async function transmit(ctx: EngineContext, prepared: Prepared[]): Promise<Result[]> {
  const ready = prepared.filter((item) => item.kind === 'ready');
  const messages = ready.map((item) => item.message);
  const settled: PromiseSettledResult<DeliveryReceipt>[] =
    messages.length === 0
      ? []
      : ctx.transport.deliverMany
        ? await ctx.transport.deliverMany(messages)
        : await Promise.allSettled(messages.map((message) => ctx.transport.deliver(message)));
  const outcome = new Map<EmailRow, Result>();
  ready.forEach((item, index) => {
    const result = settled[index];
    outcome.set(
      item.row,
      result?.status === 'fulfilled'
        ? {
            row: item.row,
            kind: 'sent',
            subject: item.subject,
            links: item.links,
            path: result.value.path,
            rejected: new Set((result.value.rejected ?? []).map((address) => address.toLowerCase())),
          }
        : {
            row: item.row,
            kind: 'error',
            message: result ? String((result.reason as Error)?.message ?? result.reason) : 'not delivered',
            retry: true,
            storage: result !== undefined && toStorageError(result.reason, '') !== undefined,
          },
    );
  });
  return prepared.map((item) => (item.kind === 'ready' ? (outcome.get(item.row) as Result) : item));
}

/** Records the results of one delivery round in one transaction; returns the events to emit. */
function finish(ctx: EngineContext, results: Result[]): DeliveryEvent[] {
  return ctx.write(() => {
    const now = ctx.now().getTime();
    const events: DeliveryEvent[] = [];
    const tally = new StatTally();
    const sentPerTask = new Map<number, number>();
    const passengers = statement(ctx.db, 'SELECT * FROM emails WHERE carrier_id = ?');
    const defer = statement(
      ctx.db,
      `UPDATE emails SET status = 'deferred', deliver_status = ?, deliver_message = ?, due_at = ?,
         claim_owner = NULL WHERE id = ?`,
    );
    const deferPassengers = statement(
      ctx.db,
      'UPDATE emails SET deliver_status = ?, deliver_message = ? WHERE carrier_id = ?',
    );
    const fail = statement(
      ctx.db,
      `UPDATE emails SET status = 'failed', deliver_status = ?, deliver_message = ?, claim_owner = NULL
       WHERE id = ? OR carrier_id = ?`,
    );
    for (const result of results) {
      const { row } = result;
      // Only a SendEmail carrier has passengers (its other recipients); batch rows never do. They
      // share the message's fate, whatever it is.
      const others = row.task_id === null ? (passengers.all(row.id) as EmailRow[]) : [];
      if (result.kind === 'sent') {
        const path = result.path ?? null;
        for (const [recipient, ownPath] of [[row, path] as const, ...others.map((o) => [o, null] as const)]) {
          const refused = result.rejected.has(recipient.to_address.toLowerCase());
          events.push(
            ...applyDelivery(
              ctx,
              { ...recipient, subject: result.subject },
              result.links,
              now,
              ownPath,
              tally,
              refused,
            ),
          );
        }
        if (row.task_id !== null) sentPerTask.set(row.task_id, (sentPerTask.get(row.task_id) ?? 0) + 1);
      } else {
        const recipients = [row, ...others];
        // A storage failure (the outbox's disk full or not writable) says nothing about the email:
        // it waits for the disk, retried every minute, rather than being dropped after 5 attempts.
        if (result.kind === 'deferred' || (result.retry && (row.attempts < MAX_ATTEMPTS || result.storage))) {
          const reason = result.kind === 'deferred' ? DEFER_REASON : result.message;
          defer.run(DELIVER_STATUS.deferred, reason, now + DEFER_RETRY_MS, row.id);
          deferPassengers.run(DELIVER_STATUS.deferred, reason, row.id);
          for (const recipient of recipients) {
            events.push(recordEvent(ctx.db, recipient, 'deferred', now, { reason }));
          }
        } else {
          fail.run(DELIVER_STATUS.dropped, result.message, row.id, row.id);
          for (const recipient of recipients) {
            events.push(recordEvent(ctx.db, recipient, 'dropped', now, { reason: result.message }));
          }
        }
      }
    }
    tally.flush(ctx.db);
    const bump = statement(
      ctx.db,
      'UPDATE tasks SET send_count = send_count + ?, updated_at = ? WHERE id = ?',
    );
    for (const [taskId, count] of sentPerTask) bump.run(count, now, taskId);
    return events;
  });
}

/**
 * Waits for a chunk's compositions (their DKIM signatures), delivers them and records the outcome;
 * returns how many the transport accepted.
 */
async function deliverPrepared(ctx: EngineContext, pending: readonly Promise<Prepared>[]): Promise<number> {
  // `prepare` never rejects, so every row of the chunk is here to be released below.
  const prepared = await Promise.all(pending);
  try {
    const results = await transmit(ctx, prepared);
    const events = finish(ctx, results);
    for (const event of events) ctx.emit(event);
    return results.filter((result) => result.kind === 'sent').length;
  } finally {
    for (const item of prepared) inFlight.delete(flightKey(ctx, item.row.id));
  }
}

/**
 * Starts composing every row and returns once all have started, their results still pending: a
 * batch row is composed synchronously up to its DKIM signatures, which a worker thread computes
 * while the next rows (and the next chunk) are composed.
 */
async function startPreparing(
  ctx: EngineContext,
  rows: EmailRow[],
  compose: Compose,
): Promise<Promise<Prepared>[]> {
  try {
    const pending: Promise<Prepared>[] = [];
    for (const row of rows) {
      pending.push(prepare(ctx, row, compose));
      if (pending.length > COMPOSING_AT_ONCE) await pending[pending.length - 1 - COMPOSING_AT_ONCE];
      // Let the previous chunk's writes and the finished signatures take their next step now and
      // then, so composing, signing and writing overlap.
      if (pending.length % YIELD_EVERY === 0) await setImmediate();
    }
    return pending;
  } catch (error) {
    for (const row of rows) inFlight.delete(flightKey(ctx, row.id));
    throw error;
  }
}

/**
 * The composer of one drain (one compose cache: templates and keys looked up once), with the
 * composing code loaded on first use. Claimed rows stay claimed by this process if loading fails;
 * they are released for the next drain like after any failure.
 */
async function composerFor(ctx: EngineContext, claimed: EmailRow[]): Promise<Compose> {
  try {
    const { ComposeCache, composeRow } = await loadComposing();
    const cache = new ComposeCache(ctx);
    return (row) => composeRow(row, cache);
  } catch (error) {
    for (const row of claimed) inFlight.delete(flightKey(ctx, row.id));
    throw error;
  }
}

/**
 * Delivers everything due: queued rows and deferred rows whose retry time has come. Rows are
 * claimed in chunks; a chunk is composed while the previous one is being written (at most two
 * chunks in memory), handed to the transport as one batch, then marked sent in one transaction.
 * A crash between the transport and the mark leaves rows in `sending`, which
 * {@link reclaimStale} re-queues; re-delivery uses the same id. When the queue is empty, `refill`
 * may enqueue more rows, claimed for this drain as it inserts them, so that enqueueing overlaps the
 * writes too.
 * @returns how many messages the transport accepted.
 */
export async function drainQueue(ctx: EngineContext, refill?: (claim: Claim) => EmailRow[]): Promise<number> {
  let compose: Compose | undefined;
  let sent = 0;
  let writing: Promise<number> | undefined;
  try {
    for (;;) {
      // A closing backend lets the chunks in hand finish; the rest stays queued for the next run.
      if (ctx.stopping()) break;
      let rows = claimDue(ctx, CLAIM_BATCH);
      if (rows.length === 0 && refill) {
        rows = refill({ owner: OWNER, at: Date.now() });
        for (const row of rows) inFlight.add(flightKey(ctx, row.id));
      }
      if (rows.length === 0) break;
      if (!compose) compose = await composerFor(ctx, rows);
      const pending = await startPreparing(ctx, rows, compose);
      if (writing) {
        try {
          sent += await writing;
        } catch (error) {
          // This chunk never reaches the transport: release its claims for the next drain now,
          // not when the claim lease runs out.
          for (const row of rows) inFlight.delete(flightKey(ctx, row.id));
          throw error;
        }
      }
      writing = deliverPrepared(ctx, pending);
      // Never leave a rejection unobserved while the next chunk is being composed.
      writing.catch(() => undefined);
    }
    if (writing) sent += await writing;
    return sent;
  } finally {
    // A failure above must not leave a chunk writing in the background after the caller moved on.
    await writing?.catch(() => undefined);
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
  const rows = ctx.write(() => claimOne(ctx, carrierId));
  const pending = rows.map((row) => prepare(ctx, row, async () => ({ composed, subject })));
  if (pending.length > 0) await deliverPrepared(ctx, pending);
}
