import type { EngineContext } from '../context.js';
import { findReceiver } from '../lookups.js';
import { formatDate, parseDateTime } from '../time.js';
import { type Claim, claimedRow, type EmailRow, insertEmail, type NewEmail } from './emails.js';
import { sesMessageIdFactory, smtpMessageId, trackingToken } from './ids.js';
import { recipientSendStatus } from './recipient-checks.js';
import { statement } from './statement-cache.js';
import { StatTally } from './stats.js';
import { TASK_STATUS, TASK_TYPE, type TaskRow, taskSubject } from './tasks-store.js';
import { recordWarmupUsage, remainingQuota, warmupResumeAt } from './warmup.js';

/** Recipients turned into queued emails per transaction. */
const ENQUEUE_CHUNK = 500;
const HOUR_MS = 3_600_000;

function getTask(ctx: EngineContext, id: number): TaskRow | undefined {
  return statement(ctx.db, 'SELECT * FROM tasks WHERE id = ?').get(id) as TaskRow | undefined;
}

/**
 * Starts every task whose time has come: waiting tasks at their begin time (a new run over the
 * whole group; a recurring task also gets its next cycle time) and paused tasks 24 hours after the
 * pause. A group that vanished or is no longer complete, or a template or sender that can no
 * longer be used, fails the task (status 7) with the reason in `ErrMsg`; so does a group, template
 * or sender gone while a run is under way (a paused task resuming, see {@link enqueueChunk}).
 * @returns how many runs started.
 */
export function startDueTasks(ctx: EngineContext): number {
  return ctx.write(() => {
    const now = ctx.now().getTime();
    statement(
      ctx.db,
      'UPDATE tasks SET status = ?, resume_at = NULL, updated_at = ? WHERE status = ? AND resume_at <= ?',
    ).run(TASK_STATUS.sending, now, TASK_STATUS.paused, now);
    const due = statement(
      ctx.db,
      'SELECT * FROM tasks WHERE status = ? AND next_run_at <= ? ORDER BY id',
    ).all(TASK_STATUS.waiting, now) as TaskRow[];
    for (const task of due) startRun(ctx, task, now);
    return due.length;
  });
}

/**
 * Why a task cannot send now although it was accepted: its recipient group was deleted, or its
 * template or sender changed since (deleted, sent back to review, domain no longer verified).
 * Undefined when it can send.
 */
function sendingProblem(ctx: EngineContext, task: TaskRow): string | undefined {
  // Checked before every chunk: existence only (findReceiver also counts the group's rows).
  if (statement(ctx.db, 'SELECT 1 FROM receivers WHERE id = ?').get(task.receiver_id) === undefined)
    return 'The recipient group no longer exists.';
  const template = statement(ctx.db, 'SELECT status FROM templates WHERE id = ?').get(task.template_id) as
    | { status: number }
    | undefined;
  if (!template) return `The template ${task.template_id} no longer exists.`;
  if (template.status !== 0) return `The template ${task.template_id} is not approved.`;
  if (!statement(ctx.db, 'SELECT 1 FROM senders WHERE address = ?').get(task.sender_email)) {
    return `The sender address ${task.sender_email} no longer exists.`;
  }
  const domain = statement(ctx.db, 'SELECT verified FROM identities WHERE domain = ?').get(
    task.sender_domain,
  ) as { verified: number } | undefined;
  if (domain?.verified !== 1) return `The sender domain ${task.sender_domain} is not verified.`;
  return undefined;
}

/** Ends a task in "sending error" (status 7) with the reason; a recurring task stops recurring. */
function failTask(ctx: EngineContext, task: TaskRow, reason: string, now: number): void {
  statement(
    ctx.db,
    `UPDATE tasks SET status = ?, err_msg = ?, cache_count = ?, next_run_at = NULL, resume_at = NULL,
       updated_at = ? WHERE id = ?`,
  ).run(
    TASK_STATUS.error,
    reason,
    task.status === TASK_STATUS.sending ? Math.max(0, task.run_total - task.run_enqueued) : 0,
    now,
    task.id,
  );
}

function startRun(ctx: EngineContext, task: TaskRow, now: number): void {
  const next = task.task_type === TASK_TYPE.recurring ? cycleAfter(ctx, task, now) : null;
  const problem =
    sendingProblem(ctx, task) ??
    (findReceiver(ctx.db, task.receiver_id)?.status !== 3
      ? 'The recipient group is being uploaded.'
      : undefined);
  if (problem !== undefined) {
    failTask(ctx, task, problem, now);
    return;
  }
  const span = statement(
    ctx.db,
    `SELECT COUNT(*) AS total, COALESCE(MAX(id), 0) AS last FROM receiver_details
     WHERE receiver_id = ? AND pending = 0 AND status = 1`,
  ).get(task.receiver_id) as { total: number; last: number };
  statement(
    ctx.db,
    `UPDATE tasks SET status = ?, run_number = run_number + 1, run_total = ?, run_last_id = ?, run_cursor = 0,
       run_enqueued = 0, run_done = ?, request_count = request_count + ?, cache_count = 0, next_run_at = ?,
       err_msg = '', updated_at = ? WHERE id = ?`,
  ).run(TASK_STATUS.sending, span.total, span.last, span.total === 0 ? 1 : 0, span.total, next, now, task.id);
}

/** The first cycle start of a recurring task strictly after `now`; missed cycles are skipped. */
function cycleAfter(ctx: EngineContext, task: TaskRow, now: number): number {
  const begin = parseDateTime(task.begin_time ?? '', ctx.timeZone) ?? now;
  const interval = Math.max(1, task.interval_hours ?? 1) * HOUR_MS;
  if (begin > now) return begin;
  return begin + (Math.floor((now - begin) / interval) + 1) * interval;
}

/** What one enqueue step left the task in. */
export type EnqueueState = 'more' | 'done' | 'paused' | 'idle';

/** What one enqueue step did: the task's state and the accepted emails, claimed for the caller. */
export interface EnqueueStep {
  state: EnqueueState;
  claimed: EmailRow[];
}

/**
 * Turns the next recipients of a sending task into emails claimed by `claim` (the caller delivers
 * them next), in one transaction with the task's cursor and the warm-up usage, so a crash can
 * neither lose nor repeat a recipient: rows of a process that died are re-queued like any claim.
 * Stops at the day's warm-up quota: the task is paused (status 6) with the rest counted in
 * `CacheCount`, to resume 24 hours later ({@link warmupResumeAt}).
 */
export function enqueueChunk(ctx: EngineContext, taskId: number, claim: Claim): EnqueueStep {
  return ctx.write(() => {
    const task = getTask(ctx, taskId);
    if (!task || task.status !== TASK_STATUS.sending || task.run_done === 1)
      return { state: 'idle', claimed: [] };
    const now = ctx.now().getTime();
    const problem = sendingProblem(ctx, task);
    if (problem !== undefined) {
      failTask(ctx, task, problem, now);
      return { state: 'idle', claimed: [] };
    }
    const quota = remainingQuota(ctx, task.sender_domain, now);
    if (quota <= 0) {
      pause(ctx, task, now);
      return { state: 'paused', claimed: [] };
    }
    const rows = statement(
      ctx.db,
      `SELECT id, email, template_data, status FROM receiver_details
       WHERE receiver_id = ? AND pending = 0 AND id > ? AND id <= ? ORDER BY id LIMIT ?`,
    ).all(task.receiver_id, task.run_cursor, task.run_last_id, ENQUEUE_CHUNK) as {
      id: number;
      email: string;
      template_data: string | null;
      status: number;
    }[];
    const today = formatDate(now, ctx.timeZone);
    const check = {
      senderDomain: task.sender_domain,
      today,
      now,
      frequencyLimitPerHour: ctx.options.frequencyLimitPerHour,
    };
    const subject = taskSubject(task);
    const nextMessageId = sesMessageIdFactory(ctx.options.appId, now, ctx.timeZone);
    const tally = new StatTally();
    const claimed: EmailRow[] = [];
    let processed = 0;
    let cursor = task.run_cursor;
    let consumed = 0;
    for (const detail of rows) {
      if (claimed.length >= quota) break;
      cursor = detail.id;
      consumed += 1;
      if (detail.status !== 1) continue;
      processed += 1;
      const sendStatus = recipientSendStatus(ctx.db, detail.email, check);
      const email: NewEmail = {
        messageId: nextMessageId(),
        smtpMessageId: smtpMessageId(task.sender_domain),
        carrierId: null,
        taskId: task.id,
        fromAddress: task.from_address,
        fromEmail: task.sender_email,
        senderDomain: task.sender_domain,
        toAddress: detail.email.toLowerCase(),
        templateId: task.template_id,
        subject,
        templateData: detail.template_data,
        payload: null,
        status: sendStatus === 0 ? 'queued' : 'refused',
        sendStatus,
        requestTime: now,
        requestDate: today,
        token: trackingToken(),
      };
      const id = insertEmail(ctx.db, email, tally, claim);
      if (sendStatus === 0) claimed.push(claimedRow(id, email, claim));
    }
    tally.flush(ctx.db);
    recordWarmupUsage(ctx, task.sender_domain, now, claimed.length);
    // Done when the cursor has passed the run's last valid recipient (even if the quota ran out on
    // exactly that one: nothing is left to cache), or the group ended before a full chunk.
    const done = cursor >= task.run_last_id || (consumed === rows.length && rows.length < ENQUEUE_CHUNK);
    statement(
      ctx.db,
      'UPDATE tasks SET run_cursor = ?, run_enqueued = run_enqueued + ?, run_done = ?, updated_at = ? WHERE id = ?',
    ).run(cursor, processed, done ? 1 : 0, now, task.id);
    if (!done && claimed.length >= quota) {
      pause(ctx, { ...task, run_enqueued: task.run_enqueued + processed }, now);
      return { state: 'paused', claimed };
    }
    return { state: done ? 'done' : 'more', claimed };
  });
}

function pause(ctx: EngineContext, task: TaskRow, now: number): void {
  statement(
    ctx.db,
    'UPDATE tasks SET status = ?, cache_count = ?, resume_at = ?, updated_at = ? WHERE id = ?',
  ).run(
    TASK_STATUS.paused,
    Math.max(0, task.run_total - task.run_enqueued),
    warmupResumeAt(ctx, now),
    now,
    task.id,
  );
}

/**
 * Closes runs whose every recipient has been handled: a recurring task without `TermCycle` waits
 * for its next cycle (status 1), any other task is finished (status 10).
 */
export function settleTasks(ctx: EngineContext): void {
  ctx.write(() => {
    const now = ctx.now().getTime();
    const candidates = statement(ctx.db, 'SELECT * FROM tasks WHERE status = ? AND run_done = 1').all(
      TASK_STATUS.sending,
    ) as TaskRow[];
    const pending = statement(
      ctx.db,
      "SELECT 1 FROM emails WHERE task_id = ? AND status IN ('queued', 'sending', 'deferred') LIMIT 1",
    );
    for (const task of candidates) {
      if (pending.get(task.id) !== undefined) continue;
      const again =
        task.task_type === TASK_TYPE.recurring && task.term_cycle === 0 && task.next_run_at !== null;
      // The cycle set when the run started may have passed while the run was paused or deferred:
      // it is skipped, and the next run starts at the first cycle after this one ended.
      statement(
        ctx.db,
        'UPDATE tasks SET status = ?, cache_count = 0, next_run_at = ?, updated_at = ? WHERE id = ?',
      ).run(
        again ? TASK_STATUS.waiting : TASK_STATUS.finished,
        again ? cycleAfter(ctx, task, now) : null,
        now,
        task.id,
      );
    }
  });
}

/** Ids of tasks that have recipients left to enqueue. */
export function sendingTaskIds(ctx: EngineContext): number[] {
  return statement(ctx.db, 'SELECT id FROM tasks WHERE status = ? AND run_done = 0 ORDER BY id')
    .pluck()
    .all(TASK_STATUS.sending) as number[];
}
