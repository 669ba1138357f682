import { quotaForDay } from '@ses-cli/sdk';
import { warmupDayFor } from '../actions/warmup-level.js';
import type { EngineContext } from '../context.js';
import { endOfDayExclusive, formatDate } from '../time.js';
import { statement } from './statement-cache.js';

/** How long a task paused by the warm-up cap waits at least before it resumes. @unit milliseconds */
const WARMUP_RESUME_MS = 24 * 3_600_000;

/**
 * When a task paused by the warm-up cap at `nowMs` resumes: 24 hours later, or at the start of the
 * next calendar day if that is later (a 25-hour day of a daylight-saving zone would otherwise resume
 * it on the same day, against a spent quota).
 */
export function warmupResumeAt(ctx: EngineContext, nowMs: number): number {
  const nextDay = endOfDayExclusive(formatDate(nowMs, ctx.timeZone), ctx.timeZone) ?? nowMs;
  return Math.max(nowMs + WARMUP_RESUME_MS, nextDay);
}

/**
 * Batch emails `domain` may still send today under the warm-up plan: the plan's limit for the
 * domain's warm-up day minus what it already sent today. Day 1 is the calendar day (in the engine's
 * time zone) of the domain's first batch send; a domain that never sent is on day 1. Unlimited when
 * warm-up is off.
 */
export function remainingQuota(ctx: EngineContext, domain: string, nowMs: number): number {
  if (!ctx.options.warmup) return Number.POSITIVE_INFINITY;
  const today = formatDate(nowMs, ctx.timeZone);
  const day = warmupDayFor(ctx, domain, new Date(nowMs));
  const sent =
    (statement(ctx.db, 'SELECT sent FROM warmup_usage WHERE domain = ? AND date = ?')
      .pluck()
      .get(domain, today) as number | undefined) ?? 0;
  return Math.max(0, quotaForDay(ctx.options.warmupPlan, day) - sent);
}

/** Counts `count` batch emails against today's quota (inside the enqueueing transaction). */
export function recordWarmupUsage(ctx: EngineContext, domain: string, nowMs: number, count: number): void {
  if (count === 0) return;
  const today = formatDate(nowMs, ctx.timeZone);
  statement(ctx.db, 'INSERT OR IGNORE INTO warmup_domains (domain, first_date) VALUES (?, ?)').run(
    domain,
    today,
  );
  statement(
    ctx.db,
    `INSERT INTO warmup_usage (domain, date, sent) VALUES (?, ?, ?)
     ON CONFLICT (domain, date) DO UPDATE SET sent = sent + excluded.sent`,
  ).run(domain, today, count);
}
