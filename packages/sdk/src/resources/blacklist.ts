import type { RequestOptions } from '../client.js';
import type { PagePromise } from '../core/pagination.js';
import type { WireBlackEmailAddress } from '../operations/blacklist.js';
import { compact } from './shared/compact.js';
import { type DateInput, fromWireDateTime, toWireDate } from './shared/dates.js';
import { type ListParams, noMeta } from './shared/list.js';
import { Resource } from './shared/resource.js';
import type { RequestIdResult } from './shared/results.js';

/** An address the service blocked after a hard bounce. */
export interface BouncedAddress {
  readonly email: string;
  readonly bouncedAt: Date | undefined;
  /** The receiving ISP's reason. */
  readonly reason: string;
}

/** Parameters of `blacklist.list`. */
export interface BlacklistListParams extends ListParams {
  /** First day of bounces (a `Date`, or `YYYY-MM-DD` in UTC+8). */
  readonly startDate: DateInput;
  /** Last day, inclusive. */
  readonly endDate: DateInput;
  readonly email?: string | undefined;
}

/** The bounce blacklist the service maintains: `ListBlackEmailAddress`, `DeleteBlackList`. */
export class Blacklist extends Resource {
  protected override readonly fieldNames = {
    StartDate: 'startDate',
    EndDate: 'endDate',
    EmailAddress: 'email',
    EmailAddressList: 'emails',
  };

  /** Lists addresses blocked after hard bounces in a range of days. */
  list(params: BlacklistListParams, options?: RequestOptions): PagePromise<BouncedAddress> {
    // Built per page so a bad filter rejects the returned promise instead of throwing here.
    const filters = () =>
      compact({
        StartDate: toWireDate(params.startDate, 'startDate', this.timeZone),
        EndDate: toWireDate(params.endDate, 'endDate', this.timeZone),
        EmailAddress: params.email,
      });
    return this.pages(
      'ListBlackEmailAddress',
      params,
      {
        input: ({ offset, limit }) => ({ ...filters(), Offset: offset, Limit: limit }),
        item: (wire: WireBlackEmailAddress) => toBounced(wire, this.timeZone),
        meta: noMeta,
      },
      options,
    );
  }

  /** Unblocks addresses you know are valid again. */
  async remove(emails: readonly string[], options?: RequestOptions): Promise<RequestIdResult> {
    const out = await this.invoke('DeleteBlackList', { EmailAddressList: [...emails] }, options);
    return { requestId: out.RequestId };
  }
}

function toBounced(wire: WireBlackEmailAddress, timeZone: string): BouncedAddress {
  return {
    email: wire.EmailAddress ?? '',
    bouncedAt: fromWireDateTime(wire.BounceTime, timeZone),
    reason: wire.IspDesc ?? '',
  };
}
