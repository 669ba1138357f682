import { calendarDate } from '@ses-cli/sdk';
import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { optString, parseDate } from '../parse/values.js';
import type { Session, Wire } from '../session.js';
import { addDays, backendNow } from './shared.js';

/** The funnel counters of a `Volume`, in order. */
const STAGES = [
  ['requested', 'RequestCount'],
  ['accepted', 'AcceptedCount'],
  ['delivered', 'DeliveredCount'],
  ['opened', 'OpenedCount'],
  ['clicked', 'ClickedCount'],
  ['bounced', 'BounceCount'],
  ['unsubscribed', 'UnsubscribeCount'],
] as const;

type Stage = (typeof STAGES)[number][0];
/** One day's (or the total) funnel in camelCase. */
export type Funnel = Record<Stage, number>;

const BAR_WIDTH = 40;

/** `stats`: the funnel over a date range, per-day bars, `--csv` / `--json` for machines. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const today = calendarDate(await backendNow(session));
  const to = optString(input.opts.to) ? parseDate(String(input.opts.to), '--to') : today;
  const from = optString(input.opts.from) ? parseDate(String(input.opts.from), '--from') : addDays(to, -6);
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const out = await session.call('GetStatisticsReport', {
    StartDate: from,
    EndDate: to,
    ...(optString(input.opts.domain) ? { Domain: input.opts.domain } : {}),
    ...(optString(input.opts.mailboxType) ? { ReceivingMailboxType: input.opts.mailboxType } : {}),
  });
  const days = ((out.DailyVolumes as Wire[] | undefined) ?? []).map((v) => ({
    date: String(v.SendDate ?? ''),
    ...funnelOf(v),
  }));
  const total = funnelOf((out.OverallVolume as Wire | undefined) ?? {});
  const json = { from, to, total, rates: ratesOf(total), days };
  if (input.opts.csv === true) return { kind: 'text', text: toCsv(days), json };
  return {
    kind: 'sections',
    sections: [
      { kind: 'text', text: funnelText(total, from, to) },
      { kind: 'text', text: barChart(days) },
    ],
    json,
  };
}

/** A wire `Volume` as camelCase counters. */
export function funnelOf(volume: Wire): Funnel {
  const funnel = {} as Funnel;
  for (const [name, key] of STAGES) funnel[name] = Number(volume[key] ?? 0);
  return funnel;
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/** Conversion rates in percent, each against the stage it follows. */
export function ratesOf(f: Funnel): Record<string, number> {
  return {
    acceptedOfRequested: pct(f.accepted, f.requested),
    deliveredOfAccepted: pct(f.delivered, f.accepted),
    openedOfDelivered: pct(f.opened, f.delivered),
    clickedOfDelivered: pct(f.clicked, f.delivered),
    bouncedOfAccepted: pct(f.bounced, f.accepted),
    unsubscribedOfDelivered: pct(f.unsubscribed, f.delivered),
  };
}

/** The funnel as aligned lines with rates. */
export function funnelText(f: Funnel, from: string, to: string): string {
  const base: Record<Stage, [Stage, string] | undefined> = {
    requested: undefined,
    accepted: ['requested', 'of requested'],
    delivered: ['accepted', 'of accepted'],
    opened: ['delivered', 'of delivered'],
    clicked: ['delivered', 'of delivered'],
    bounced: ['accepted', 'of accepted'],
    unsubscribed: ['delivered', 'of delivered'],
  };
  const width = Math.max(...Object.values(f).map((n) => n.toLocaleString('en-US').length));
  const lines = STAGES.map(([name]) => {
    const ref = base[name];
    const rate = ref ? `  ${pct(f[name], f[ref[0]]).toFixed(1).padStart(5)}% ${ref[1]}` : '';
    const arrow = name === 'bounced' ? '\n' : '';
    return `${arrow}${name.padEnd(12)} ${f[name].toLocaleString('en-US').padStart(width)}${rate}`;
  });
  return `Funnel ${from} → ${to}\n${lines.join('\n')}`;
}

/** Per-day horizontal bars of delivered emails (requested in parentheses). */
export function barChart(days: readonly ({ date: string } & Funnel)[]): string {
  if (days.length === 0) return 'No daily volumes.';
  const max = Math.max(1, ...days.map((d) => d.requested));
  const lines = days.map((d) => {
    const len = Math.round((d.delivered / max) * BAR_WIDTH);
    const rest = Math.round((d.requested / max) * BAR_WIDTH) - len;
    return `${d.date} ${'█'.repeat(len)}${'░'.repeat(Math.max(0, rest))} ${d.delivered.toLocaleString('en-US')} delivered / ${d.requested.toLocaleString('en-US')}`;
  });
  return `Per day (█ delivered, ░ requested but not delivered)\n${lines.join('\n')}`;
}

function toCsv(days: readonly ({ date: string } & Funnel)[]): string {
  const header = ['date', ...STAGES.map(([name]) => name)].join(',');
  const rows = days.map((d) => [d.date, ...STAGES.map(([name]) => d[name])].join(','));
  return `${[header, ...rows].join('\n')}\n`;
}
