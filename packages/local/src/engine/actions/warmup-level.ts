import { warmupDay } from '@ses-cli/sdk';
import type { EngineContext } from '../context.js';
import { statement } from '../sending/statement-cache.js';
import { formatDate } from '../time.js';

/**
 * The warm-up day a sender domain is on today, counted the way the sending engine counts it: day 1
 * is the calendar day of the domain's first batch send (`warmup_domains`, migration 002); a domain
 * that never sent is on day 1. With warm-up off the domain counts as fully warmed (the last day).
 */
export function warmupDayFor(ctx: EngineContext, domain: string, now: Date = ctx.now()): number {
  if (!ctx.options.warmup) return Math.max(1, ctx.options.warmupPlan.days.length);
  const first = statement(ctx.db, 'SELECT first_date FROM warmup_domains WHERE domain = ?')
    .pluck()
    .get(domain) as string | undefined;
  if (first === undefined) return 1;
  // A data directory reopened with a time zone further west can put today before the first send
  // day: still day 1, rather than no day at all.
  return first > formatDate(now.getTime(), ctx.timeZone) ? 1 : warmupDay(first, now, ctx.timeZone);
}
