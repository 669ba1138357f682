import { calendarDate } from '@ses-cli/sdk';
import type { LocalBackend } from '../backend.js';
import { HttpError } from '../emulator/http-error.js';
import { addDays, isCalendarDate } from './dates.js';
import { callAction } from './engine-access.js';
import type { FunnelCounts, FunnelView } from './types.js';

/** Days shown when the page does not pick a range: the last week, today included. */
const DEFAULT_RANGE_DAYS = 7;

/** `GET /ui/api/funnel?start=&end=&domain=`: `GetStatisticsReport` per day and in total. */
export async function funnelView(
  backend: LocalBackend,
  params: URLSearchParams,
  timeZone: string,
): Promise<FunnelView> {
  const end = dateParam(params, 'end') ?? calendarDate(backend.now(), timeZone);
  const start = dateParam(params, 'start') ?? addDays(end, 1 - DEFAULT_RANGE_DAYS);
  const domain = params.get('domain')?.trim() || undefined;
  const report = await callAction(backend, 'GetStatisticsReport', {
    StartDate: start,
    EndDate: end,
    ...(domain ? { Domain: domain } : {}),
  });
  const identities = await callAction(backend, 'ListEmailIdentities', {});
  const daily = ((report['DailyVolumes'] ?? []) as Record<string, unknown>[]).map((volume) => ({
    date: String(volume['SendDate'] ?? ''),
    ...counts(volume),
  }));
  return {
    start,
    end,
    ...(domain ? { domain } : {}),
    daily,
    total: counts((report['OverallVolume'] ?? {}) as Record<string, unknown>),
    domains: ((identities['EmailIdentities'] ?? []) as Record<string, unknown>[]).map((identity) =>
      String(identity['IdentityName'] ?? ''),
    ),
  };
}

function counts(volume: Record<string, unknown>): FunnelCounts {
  const n = (key: string) => (typeof volume[key] === 'number' ? (volume[key] as number) : 0);
  return {
    requested: n('RequestCount'),
    accepted: n('AcceptedCount'),
    delivered: n('DeliveredCount'),
    opened: n('OpenedCount'),
    clicked: n('ClickedCount'),
    bounced: n('BounceCount'),
    unsubscribed: n('UnsubscribeCount'),
  };
}

function dateParam(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  if (value === null || value === '') return undefined;
  if (!isCalendarDate(value)) throw new HttpError(400, `${name} must be a date YYYY-MM-DD`);
  return value;
}
