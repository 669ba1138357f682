import type { EngineContext, Handler } from '../context.js';
import { batchSendEmail } from './batch-send-email.js';
import type { Claim, EmailRow } from './emails.js';
import { listSendTasks } from './list-send-tasks.js';
import { drainQueue, reclaimStale } from './pipeline.js';
import { sendEmail } from './send-email.js';
import { getSendEmailStatus } from './send-status.js';
import { getStatisticsReport } from './statistics-report.js';
import { enqueueChunk, sendingTaskIds, settleTasks, startDueTasks } from './task-runner.js';

export { createMessageStore, createTracking } from './inspection.js';

/** The sending actions of the local engine. */
export const sendingHandlers: Record<
  'SendEmail' | 'BatchSendEmail' | 'ListSendTasks' | 'GetSendEmailStatus' | 'GetStatisticsReport',
  Handler
> = {
  SendEmail: sendEmail,
  BatchSendEmail: batchSendEmail,
  ListSendTasks: listSendTasks,
  GetSendEmailStatus: getSendEmailStatus,
  GetStatisticsReport: getStatisticsReport,
};

/** What one pass of due sending work did. */
export interface SendingReport {
  tasksStarted: number;
  emailsSent: number;
  emailsCached: number;
}

const running = new WeakMap<object, Promise<SendingReport>>();

/**
 * Runs all sending work due at emulated now: re-queues emails a dead process left half-sent,
 * delivers queued and due deferred emails, starts scheduled/recurring runs and resumes paused
 * tasks, enqueues their recipients chunk by chunk under the warm-up quota (delivering as it goes,
 * so memory stays flat), and closes finished runs. Calls in one process never overlap; processes
 * sharing a data directory coordinate through the database.
 */
export function runDueSending(ctx: EngineContext): Promise<SendingReport> {
  const previous = running.get(ctx.db) ?? Promise.resolve(undefined);
  const next = previous.catch(() => undefined).then(() => runOnce(ctx));
  running.set(ctx.db, next);
  return next;
}

async function runOnce(ctx: EngineContext): Promise<SendingReport> {
  await reclaimStale(ctx);
  let emailsSent = await drainQueue(ctx);
  const tasksStarted = startDueTasks(ctx);
  const feed = taskFeed(ctx, sendingTaskIds(ctx));
  // One drain for all the tasks' recipients: the next chunk is enqueued and composed while the
  // previous one is still being written.
  emailsSent += await drainQueue(ctx, feed.refill);
  settleTasks(ctx);
  return { tasksStarted, emailsSent, emailsCached: feed.cached() };
}

/**
 * Enqueues the sending tasks' recipients chunk by chunk, on demand: `refill` is called with this
 * drain's claim when the queue is empty and returns the emails it enqueued, claimed already; none
 * once every task is enqueued or paused by its warm-up quota.
 */
function taskFeed(ctx: EngineContext, taskIds: number[]) {
  let emailsCached = 0;
  const refill = (claim: Claim): EmailRow[] => {
    while (taskIds.length > 0) {
      const taskId = taskIds[0] as number;
      const step = enqueueChunk(ctx, taskId, claim);
      if (step.state === 'paused') {
        emailsCached += ctx.db
          .prepare('SELECT cache_count FROM tasks WHERE id = ?')
          .pluck()
          .get(taskId) as number;
      }
      if (step.state !== 'more') taskIds.shift();
      if (step.claimed.length > 0) return step.claimed;
    }
    return [];
  };
  return { refill, cached: () => emailsCached };
}
