import type { RequestOptions } from '../client.js';
import { ValidationError } from '../core/errors.js';
import type { PagePromise } from '../core/pagination.js';
import type { WireBlackAddressDetail } from '../operations/custom-blacklist.js';
import { type CodeTable, nameOf } from './shared/codes.js';
import { compact } from './shared/compact.js';
import { type DateInput, fromWireDateTime, toWireDate } from './shared/dates.js';
import { type ListParams, noMeta } from './shared/list.js';
import { Resource } from './shared/resource.js';
import type { RequestIdResult } from './shared/results.js';

/** Whether a custom-blacklist entry still blocks. */
export type CustomBlacklistStatus = 'expired' | 'active';

const STATUS: CodeTable<CustomBlacklistStatus> = { 0: 'expired', 1: 'active' };
const STATUS_FILTER: Readonly<Record<CustomBlacklistStatus | 'all', 0 | 1 | 2>> = {
  expired: 0,
  active: 1,
  all: 2,
};

/** One entry of your own blacklist. */
export interface CustomBlacklistEntry {
  readonly id: number;
  readonly email: string;
  readonly createdAt: Date | undefined;
  /** `YYYY-MM-DD`; `undefined` when it never expires. */
  readonly expiresOn: string | undefined;
  readonly status: CustomBlacklistStatus | 'unknown';
  /** The raw `Status`: `0` expired · `1` active. */
  readonly statusCode: number;
}

/** Counters of `customBlacklist.add`. */
export interface CustomBlacklistAddResult {
  readonly totalCount: number;
  readonly validCount: number;
  readonly tooLongCount: number;
  readonly repeatCount: number;
  readonly invalidCount: number;
  readonly requestId: string;
}

/** Parameters of `customBlacklist.add`. */
export interface CustomBlacklistAddParams {
  /** Last day of the block (a `Date`, or `YYYY-MM-DD` in UTC+8). @default never expires */
  readonly expiresOn?: DateInput | undefined;
}

/** Parameters of `customBlacklist.update`. */
export interface CustomBlacklistUpdateParams {
  readonly email: string;
  /** New last day (a `Date`, or `YYYY-MM-DD` in UTC+8); `null` makes the entry permanent. */
  readonly expiresOn?: DateInput | null | undefined;
}

/** Filters of `customBlacklist.list`. */
export interface CustomBlacklistListParams extends ListParams {
  /** @default 'all' */
  readonly status?: CustomBlacklistStatus | 'all' | undefined;
  readonly email?: string | undefined;
}

/**
 * Your own blacklist of addresses never to send to: `CreateCustomBlacklist`, `ListCustomBlacklist`,
 * `UpdateCustomBlackList`, `DeleteCustomBlackList`.
 */
export class CustomBlacklist extends Resource {
  protected override readonly fieldNames = {
    Emails: 'emails',
    Email: 'email',
    Id: 'id',
    ExpireDate: 'expiresOn',
  };

  /** Blocks addresses, until `expiresOn` (a `Date` or `YYYY-MM-DD`) or for good. */
  async add(
    emails: readonly string[],
    params: CustomBlacklistAddParams = {},
    options?: RequestOptions,
  ): Promise<CustomBlacklistAddResult> {
    const payload = compact({
      Emails: [...emails],
      ExpireDate:
        params.expiresOn === undefined ? undefined : toWireDate(params.expiresOn, 'expiresOn', this.timeZone),
    });
    const out = await this.invoke('CreateCustomBlacklist', payload, options);
    return {
      totalCount: out.TotalCount ?? 0,
      validCount: out.ValidCount ?? 0,
      tooLongCount: out.TooLongCount ?? 0,
      repeatCount: out.RepeatCount ?? 0,
      invalidCount: out.InvalidCount ?? 0,
      requestId: out.RequestId,
    };
  }

  /** Lists entries, all of them by default. */
  list(params: CustomBlacklistListParams = {}, options?: RequestOptions): PagePromise<CustomBlacklistEntry> {
    // Built per page so a bad filter rejects the returned promise instead of throwing here.
    const filters = () => {
      const status = STATUS_FILTER[params.status ?? 'all'];
      if (status === undefined) throw new ValidationError('status', 'must be active, expired or all');
      return compact({ Status: status, Email: params.email });
    };
    return this.pages(
      'ListCustomBlacklist',
      params,
      {
        input: ({ offset, limit }) => ({ ...filters(), Offset: offset, Limit: limit }),
        item: (wire: WireBlackAddressDetail) => toEntry(wire, this.timeZone),
        meta: noMeta,
      },
      options,
    );
  }

  /** Changes an entry's address and expiry; `expiresOn: null` makes it permanent. */
  async update(
    id: number,
    params: CustomBlacklistUpdateParams,
    options?: RequestOptions,
  ): Promise<RequestIdResult> {
    const expire = params.expiresOn;
    const payload = compact({
      Id: id,
      Email: params.email,
      ExpireDate:
        expire === undefined
          ? undefined
          : expire === null
            ? ''
            : toWireDate(expire, 'expiresOn', this.timeZone),
    });
    const out = await this.invoke('UpdateCustomBlackList', payload, options);
    return { requestId: out.RequestId };
  }

  /** Unblocks addresses. */
  async remove(emails: readonly string[], options?: RequestOptions): Promise<RequestIdResult> {
    const out = await this.invoke('DeleteCustomBlackList', { Emails: [...emails] }, options);
    return { requestId: out.RequestId };
  }
}

function toEntry(wire: WireBlackAddressDetail, timeZone: string): CustomBlacklistEntry {
  const statusCode = wire.Status ?? -1;
  return {
    id: wire.Id ?? 0,
    email: wire.Email ?? '',
    createdAt: fromWireDateTime(wire.CreateTime, timeZone),
    expiresOn: wire.ExpireDate || undefined,
    status: nameOf(STATUS, statusCode),
    statusCode,
  };
}
