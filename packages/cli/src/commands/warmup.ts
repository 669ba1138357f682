import {
  calendarDate,
  DEFAULT_WARMUP_PLAN,
  parseWarmupPlan,
  projectWarmup,
  quotaForDay,
  SES_TIME_ZONE,
  type WarmupPlan,
  warmupDay,
  warmupStatus,
} from '@ses-cli/sdk';
import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { optString, parseCount, readJsonObject } from '../parse/values.js';
import type { Session, Wire } from '../session.js';
import { addDays, backendNow, listPaged } from './shared.js';

/** The statistics window the service answers (the first send is looked for inside it). */
const HISTORY_DAYS = 89;
const BAR_WIDTH = 30;

/** `warmup`: plan day, quota, sent today, cached, remaining; the plan drawn; optional projection. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const plan = await planOf(input);
  const volume =
    input.opts.volume === undefined ? undefined : parseCount(input.opts.volume, '--volume', { min: 1 });
  const given = optString(input.opts.domain);
  const domain = given === undefined ? await defaultDomain(session) : await knownDomain(session, given);
  const now = await backendNow(session);
  const report = await warmupReport(session, domain, now, plan);
  const projection =
    volume === undefined
      ? undefined
      : projectWarmup({ plan, volume, startDay: report.day, sentToday: report.sentToday }).schedule.map(
          (d, i) => ({
            ...d,
            date: addDays(report.today, i),
          }),
        );
  const sections: CommandResult[] = [
    {
      kind: 'object',
      value: {
        domain,
        today: report.today,
        'plan day': report.day,
        quota: report.quota,
        'sent today': report.sentToday,
        cached: report.cached,
        remaining: report.remainingToday,
        'first send': report.firstSend ?? 'not yet',
      },
    },
    { kind: 'text', text: drawPlan(plan, report.day) },
  ];
  if (projection) {
    const last = projection[projection.length - 1];
    sections.push({
      kind: 'text',
      text: `${volume?.toLocaleString('en-US')} emails: all sent by ${last?.date ?? report.today} (plan day ${last?.day ?? report.day}, ${projection.length} day(s))`,
    });
  }
  return { kind: 'sections', sections, json: { domain, ...report, projection: projection ?? null } };
}

async function planOf(input: CommandInput): Promise<WarmupPlan> {
  const file = optString(input.opts.plan);
  if (!file) return DEFAULT_WARMUP_PLAN;
  // A plan is a few dozen numbers; 1 MB is far beyond any real one.
  const json = await readJsonObject(file, '--plan', 1024 * 1024);
  try {
    return parseWarmupPlan(json);
  } catch (error) {
    throw new UsageError(`--plan: ${file}: ${(error as Error).message}`);
  }
}

/** `domain` when it is one of the account's sender domains. @throws {UsageError} naming the known ones */
async function knownDomain(session: Session, domain: string): Promise<string> {
  const out = await session.call('ListEmailIdentities', {});
  const names = ((out.EmailIdentities as Wire[] | undefined) ?? []).map((i) => String(i.IdentityName));
  const match = names.find((name) => name.toLowerCase() === domain.toLowerCase());
  if (match === undefined) {
    throw new UsageError(
      `--domain: ${domain} is not a sender domain of this account${names.length > 0 ? ` (known: ${names.join(', ')})` : ''}`,
    );
  }
  return match;
}

async function defaultDomain(session: Session): Promise<string> {
  const out = await session.call('ListEmailIdentities', {});
  const items = (out.EmailIdentities as Wire[] | undefined) ?? [];
  const domain = (items.find((i) => i.SendingEnabled === true) ?? items[0])?.IdentityName;
  if (typeof domain !== 'string') throw new UsageError('no sender domain yet: pass --domain or create one');
  return domain;
}

/** Today's warm-up figures for a domain, derived from statistics and tasks. */
export interface WarmupReport {
  today: string;
  firstSend: string | null;
  day: number;
  quota: number;
  sentToday: number;
  cached: number;
  remainingToday: number;
}

/**
 * The warm-up state of a domain: day 1 is the first day with sends in the statistics; "sent today"
 * is today's accepted count; "cached" sums the tasks' cache counts for that domain.
 */
export async function warmupReport(
  session: Session,
  domain: string,
  now: Date,
  plan: WarmupPlan,
): Promise<WarmupReport> {
  const today = calendarDate(now, SES_TIME_ZONE);
  const stats = await session.call('GetStatisticsReport', {
    StartDate: addDays(today, -HISTORY_DAYS),
    EndDate: today,
    Domain: domain,
  });
  const days = ((stats.DailyVolumes as Wire[] | undefined) ?? []).filter(
    (v) => Number(v.RequestCount ?? 0) > 0,
  );
  const firstSend = days.map((v) => String(v.SendDate)).sort()[0] ?? null;
  const sentToday = Number(days.find((v) => v.SendDate === today)?.AcceptedCount ?? 0);
  const { items } = await listPaged(session, 'ListSendTasks', 'Data', 'TotalCount', {
    limit: 100,
    offset: 0,
    all: true,
  });
  const cached = items
    .filter(
      (t) =>
        String(t.FromEmailAddress ?? '')
          .toLowerCase()
          .endsWith(`@${domain.toLowerCase()}`) ||
        String(t.FromEmailAddress ?? '')
          .toLowerCase()
          .endsWith(`@${domain.toLowerCase()}>`),
    )
    .reduce((sum, t) => sum + Number(t.CacheCount ?? 0), 0);
  const day = firstSend ? warmupDay(firstSend, now, SES_TIME_ZONE) : 1;
  const status = warmupStatus({ plan, day, sentToday, cached });
  return {
    today,
    firstSend,
    day,
    quota: status.quota,
    sentToday,
    cached,
    remainingToday: status.remainingToday,
  };
}

/** The plan as log-scaled bars with today marked. */
export function drawPlan(plan: WarmupPlan, today: number): string {
  const last = plan.days[plan.days.length - 1]?.day ?? 1;
  const maxLog = Math.log10(Math.max(10, quotaForDay(plan, last)));
  const lines = plan.days.map(({ day, limit }) => {
    const len = Math.max(1, Math.round((Math.log10(Math.max(1, limit)) / maxLog) * BAR_WIDTH));
    const mark = day === today ? ' ◀ today' : '';
    const bar = (day < today ? '█' : day === today ? '▓' : '░').repeat(len);
    return `day ${String(day).padStart(2)} ${limit.toLocaleString('en-US').padStart(9)} ${bar}${mark}`;
  });
  if (today > last)
    lines.push(
      `day ${today}: past the plan, ${quotaForDay(plan, today).toLocaleString('en-US')} a day ◀ today`,
    );
  return `Warm-up plan (emails per day, log scale)\n${lines.join('\n')}`;
}
