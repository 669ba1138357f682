import { warmupDay } from '@ses-cli/sdk';
import type { EngineContext } from '../context.js';

/**
 * The warm-up day a sender domain is on today, counted the way the sending engine counts it: day 1
 * is the calendar day of the domain's first batch send (`warmup_domains`, migration 002); a domain
 * that never sent is on day 1. With warm-up off the domain counts as fully warmed (the last day).
 */
export function warmupDayFor(ctx: EngineContext, domain: string): number {
  if (!ctx.options.warmup) return Math.max(1, ctx.options.warmupPlan.days.length);
  const first = ctx.db
    .prepare('SELECT first_date FROM warmup_domains WHERE domain = ?')
    .pluck()
    .get(domain) as string | undefined;
  return first === undefined ? 1 : warmupDay(first, ctx.now(), ctx.timeZone);
}
