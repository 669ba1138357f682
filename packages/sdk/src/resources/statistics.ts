import type { RequestOptions } from '../client.js';
import type { WireVolume } from '../operations/statistics.js';
import { compact } from './shared/compact.js';
import { type DateInput, toWireDate } from './shared/dates.js';
import { Resource } from './shared/resource.js';

/** Sending counters for one day, or for the whole range. */
export interface Volume {
  /** `YYYY-MM-DD` (UTC+8); `undefined` for the overall total. */
  readonly date: string | undefined;
  readonly requested: number;
  /** Passed Tencent's checks. */
  readonly accepted: number;
  readonly delivered: number;
  /** Total opens, not unique readers. */
  readonly opened: number;
  /** Recipients who clicked. */
  readonly clicked: number;
  readonly bounced: number;
  readonly unsubscribed: number;
}

/** Parameters of `statistics.get`. */
export interface StatisticsParams {
  /** First day (a `Date`, or `YYYY-MM-DD` in UTC+8). */
  readonly startDate: DateInput;
  /** Last day, inclusive. */
  readonly endDate: DateInput;
  /** Only mail from this sender domain. */
  readonly domain?: string | undefined;
  /** Only mail to this recipient domain, e.g. `gmail.com`. */
  readonly recipientDomain?: string | undefined;
}

/** Result of `statistics.get`. */
export interface StatisticsReport {
  readonly daily: readonly Volume[];
  readonly overall: Volume;
  readonly requestId: string;
}

/** Daily sending statistics (`GetStatisticsReport`). */
export class Statistics extends Resource {
  protected override readonly fieldNames = {
    StartDate: 'startDate',
    EndDate: 'endDate',
    Domain: 'domain',
    ReceivingMailboxType: 'recipientDomain',
  };

  /**
   * Fetches daily counters and their total for a range of days.
   * @example const { overall } = await ses.statistics.get({ startDate: '2026-06-01', endDate: '2026-06-07' })
   */
  async get(params: StatisticsParams, options?: RequestOptions): Promise<StatisticsReport> {
    const out = await this.invoke(
      'GetStatisticsReport',
      compact({
        StartDate: toWireDate(params.startDate, 'startDate', this.timeZone),
        EndDate: toWireDate(params.endDate, 'endDate', this.timeZone),
        Domain: params.domain,
        ReceivingMailboxType: params.recipientDomain,
      }),
      options,
    );
    return {
      daily: (out.DailyVolumes ?? []).map(toVolume),
      overall: toVolume(out.OverallVolume ?? {}),
      requestId: out.RequestId,
    };
  }
}

function toVolume(wire: WireVolume): Volume {
  return {
    date: wire.SendDate || undefined,
    requested: wire.RequestCount ?? 0,
    accepted: wire.AcceptedCount ?? 0,
    delivered: wire.DeliveredCount ?? 0,
    opened: wire.OpenedCount ?? 0,
    clicked: wire.ClickedCount ?? 0,
    bounced: wire.BounceCount ?? 0,
    unsubscribed: wire.UnsubscribeCount ?? 0,
  };
}
