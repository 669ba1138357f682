import type { RequestOptions } from '../client.js';
import { PagePromise } from '../core/pagination.js';
import type { WireEmailSender } from '../operations/senders.js';
import { compact } from './shared/compact.js';
import { fromUnixSeconds } from './shared/dates.js';
import { Resource } from './shared/resource.js';
import type { RequestIdResult } from './shared/results.js';

/** A sender address (`ListEmailAddress` item). */
export interface Sender {
  readonly address: string;
  /** Display name used as `Name <address>`. */
  readonly name: string | undefined;
  readonly createdAt: Date | undefined;
  /** Whether an SMTP password is set; SMTP sending needs one. */
  readonly smtpPasswordSet: boolean;
}

/** Parameters of `senders.create`. */
export interface SenderCreateParams {
  /** An address on a verified sender domain. */
  readonly address: string;
  /** Display name. */
  readonly name?: string | undefined;
}

/** Sender addresses and their SMTP password: `CreateEmailAddress`, `ListEmailAddress`, `DeleteEmailAddress`, `UpdateEmailSmtpPassWord`. */
export class Senders extends Resource {
  protected override readonly fieldNames = {
    EmailAddress: 'address',
    EmailSenderName: 'name',
    Password: 'password',
  };

  /** Creates a sender address on a verified domain. */
  async create(params: SenderCreateParams, options?: RequestOptions): Promise<RequestIdResult> {
    const out = await this.invoke(
      'CreateEmailAddress',
      compact({ EmailAddress: params.address, EmailSenderName: params.name }),
      options,
    );
    return { requestId: out.RequestId };
  }

  /**
   * Lists every sender address. The API returns them all at once (there are at most a few dozen),
   * so this is always a single page.
   */
  list(options?: RequestOptions): PagePromise<Sender> {
    return new PagePromise(
      async () => {
        const out = await this.invoke('ListEmailAddress', {}, options);
        const items = (out.EmailSenders ?? []).map(toSender);
        return { items, totalCount: items.length, meta: undefined, requestId: out.RequestId };
      },
      // Nominal: the API has no paging; at most 10 domains × 10 senders exist.
      { offset: 0, limit: 100 },
    );
  }

  /** Deletes a sender address. */
  async delete(address: string, options?: RequestOptions): Promise<RequestIdResult> {
    const out = await this.invoke('DeleteEmailAddress', { EmailAddress: address }, options);
    return { requestId: out.RequestId };
  }

  /**
   * Sets (or changes) the SMTP password of a sender address. The service wants 10–20 characters
   * mixing digits, lower- and upper-case letters, different from the previous one. The password is
   * never logged.
   */
  async setSmtpPassword(
    address: string,
    password: string,
    options?: RequestOptions,
  ): Promise<RequestIdResult> {
    const out = await this.invoke(
      'UpdateEmailSmtpPassWord',
      { EmailAddress: address, Password: password },
      options,
    );
    return { requestId: out.RequestId };
  }
}

function toSender(wire: WireEmailSender): Sender {
  return {
    address: wire.EmailAddress ?? '',
    name: wire.EmailSenderName || undefined,
    createdAt: fromUnixSeconds(wire.CreatedTimestamp),
    smtpPasswordSet: wire.SmtpPwdType === 1,
  };
}
