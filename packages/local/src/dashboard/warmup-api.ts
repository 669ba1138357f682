import { calendarDate, projectWarmup, quotaForDay, type WarmupPlan, warmupStatus } from '@ses-cli/sdk';
import type { LocalBackend } from '../backend.js';
import { addDays } from './dates.js';
import { callAction, readWarmupRecords, type WarmupRecords } from './engine-access.js';
import type { WarmupDomainView, WarmupHistoryDay, WarmupView } from './types.js';

/** The chart shows at most this many past days; older ones are all at the plan's last limit anyway. */
const MAX_HISTORY_DAYS = 60;
const TASK_PAGE = 100;

/**
 * `GET /ui/api/warmup`: per sender domain, today's warm-up day and quota (`ListEmailIdentities`),
 * batch emails sent per day so far, and the emails paused tasks hold for later days (`ListSendTasks`).
 */
export async function warmupView(
  backend: LocalBackend,
  plan: WarmupPlan,
  timeZone: string,
): Promise<WarmupView> {
  const identities = await callAction(backend, 'ListEmailIdentities', {});
  const cached = await cachedByDomain(backend);
  const records = readWarmupRecords(backend);
  const today = calendarDate(backend.now(), timeZone);
  const domains = ((identities['EmailIdentities'] ?? []) as Record<string, unknown>[]).map((identity) => {
    const domain = String(identity['IdentityName'] ?? '').toLowerCase();
    const day =
      typeof identity['CurrentReputationLevel'] === 'number' ? identity['CurrentReputationLevel'] : 1;
    return domainView(
      domain,
      identity['SendingEnabled'] === true,
      day,
      plan,
      records.get(domain),
      cached.get(domain) ?? 0,
      today,
    );
  });
  return { plan: plan.days.map(({ day, limit }) => ({ day, limit })), domains };
}

function domainView(
  domain: string,
  verified: boolean,
  day: number,
  plan: WarmupPlan,
  records: WarmupRecords | undefined,
  cached: number,
  clockToday: string,
): WarmupDomainView {
  // The engine counts days from the first batch send in its own time zone; deriving today's date
  // from that start keeps the dates here in step with it whatever zone the dashboard assumes.
  const today = records ? addDays(records.firstDate, day - 1) : clockToday;
  const history: WarmupHistoryDay[] = [];
  if (records) {
    for (let n = Math.max(1, day - MAX_HISTORY_DAYS + 1); n <= day; n++) {
      const date = addDays(records.firstDate, n - 1);
      history.push({ date, day: n, quota: quotaForDay(plan, n), sent: records.sentByDate.get(date) ?? 0 });
    }
  }
  const status = warmupStatus({ plan, day, sentToday: records?.sentByDate.get(today) ?? 0, cached });
  const tomorrowQuota = quotaForDay(plan, day + 1);
  return {
    domain,
    verified,
    day,
    quota: status.quota,
    sentToday: status.sentToday,
    remainingToday: status.remainingToday,
    cached,
    tomorrow: { day: day + 1, quota: tomorrowQuota, fromCache: Math.min(cached, tomorrowQuota) },
    history,
    cacheDays: projectWarmup({ plan, volume: cached, startDay: day + 1 }).days,
  };
}

/** Emails held by paused tasks (status 6), summed per sender domain. */
async function cachedByDomain(backend: LocalBackend): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (let offset = 0; ; offset += TASK_PAGE) {
    const page = await callAction(backend, 'ListSendTasks', { Status: 6, Limit: TASK_PAGE, Offset: offset });
    const data = (page['Data'] ?? []) as Record<string, unknown>[];
    for (const task of data) {
      const domain = senderDomain(String(task['FromEmailAddress'] ?? ''));
      const count = typeof task['CacheCount'] === 'number' ? task['CacheCount'] : 0;
      if (domain) totals.set(domain, (totals.get(domain) ?? 0) + count);
    }
    if (data.length < TASK_PAGE) return totals;
  }
}

/** The domain of `addr` or `Alias <addr>`. */
function senderDomain(from: string): string | undefined {
  const match = /@([^@\s<>]+)>?\s*$/.exec(from);
  return match?.[1]?.toLowerCase();
}
