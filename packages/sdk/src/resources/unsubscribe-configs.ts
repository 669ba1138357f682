import type { RequestOptions } from '../client.js';
import type { PagePromise } from '../core/pagination.js';
import type { Site } from '../http/endpoint.js';
import type { WireAddressUnsubscribeConfigData } from '../operations/unsubscribe-config.js';
import { type ListParams, noMeta } from './shared/list.js';
import { Resource } from './shared/resource.js';
import type { RequestIdResult } from './shared/results.js';
import {
  type UnsubscribeCode,
  type UnsubscribeLanguage,
  unsubscribeCode,
  unsubscribeLanguage,
} from './shared/unsubscribe.js';

/** Languages available for address-level configuration (the API stops at Thai here). */
export type ConfigLanguage = Exclude<UnsubscribeLanguage, 'id' | 'vi'>;

/** The unsubscribe-link setting of one sender address. */
export interface UnsubscribeConfig {
  readonly address: string;
  /** `'none'` = no link; `'unknown'` for a code this SDK does not know (see `languageCode`). */
  readonly language: UnsubscribeLanguage | 'none' | 'unknown';
  /** The raw `UnsubscribeConfig` code, a string like the API's, in the numbering of the client's site. */
  readonly languageCode: string;
  readonly enabled: boolean;
}

/** Parameters of `unsubscribeConfigs.create` / `update`. */
export interface UnsubscribeConfigParams {
  /** A sender address. */
  readonly address: string;
  readonly language: ConfigLanguage | 'none';
  /** @default true */
  readonly enabled?: boolean | undefined;
}

const FIELD_NAMES = { Address: 'address', UnsubscribeConfig: 'language', Status: 'enabled' };

/**
 * Per-sender unsubscribe links: `CreateAddressUnsubscribeConfig`, `UpdateAddressUnsubscribeConfig`,
 * `ListAddressUnsubscribeConfig`, `DeleteAddressUnsubscribeConfig`. Language codes follow the China
 * site (`1` Simplified Chinese, `2` English; the international site swaps them).
 */
export class UnsubscribeConfigs extends Resource {
  protected override readonly fieldNames = FIELD_NAMES;

  /** Sets up the unsubscribe link of a sender address. */
  async create(params: UnsubscribeConfigParams, options?: RequestOptions): Promise<RequestIdResult> {
    const payload = toWire(params, this.site);
    const out = await this.invoke('CreateAddressUnsubscribeConfig', payload, options);
    return { requestId: out.RequestId };
  }

  /** Changes the unsubscribe link of a sender address. */
  async update(params: UnsubscribeConfigParams, options?: RequestOptions): Promise<RequestIdResult> {
    const payload = toWire(params, this.site);
    const out = await this.invoke('UpdateAddressUnsubscribeConfig', payload, options);
    return { requestId: out.RequestId };
  }

  /** Lists the configured sender addresses. */
  list(params: ListParams = {}, options?: RequestOptions): PagePromise<UnsubscribeConfig> {
    return this.pages(
      'ListAddressUnsubscribeConfig',
      params,
      {
        // This one action types Limit as a string.
        input: ({ offset, limit }) => ({ Offset: offset, Limit: String(limit) }),
        item: (wire: WireAddressUnsubscribeConfigData) => toConfig(wire, this.site),
        meta: noMeta,
      },
      options,
    );
  }

  /** Removes the configuration of a sender address. */
  async delete(address: string, options?: RequestOptions): Promise<RequestIdResult> {
    const out = await this.invoke('DeleteAddressUnsubscribeConfig', { Address: address }, options);
    return { requestId: out.RequestId };
  }
}

function toWire(params: UnsubscribeConfigParams, site: Site) {
  return {
    Address: params.address,
    // Codes 11/12 are refused by the wire schema for this action, which names the field.
    UnsubscribeConfig: unsubscribeCode(params.language, 'language', site) as Exclude<
      UnsubscribeCode,
      '11' | '12'
    >,
    Status: params.enabled === false ? (0 as const) : (1 as const),
  };
}

function toConfig(wire: WireAddressUnsubscribeConfigData, site: Site): UnsubscribeConfig {
  const languageCode = wire.UnsubscribeConfig ?? '';
  return {
    address: wire.Address ?? '',
    language: unsubscribeLanguage(wire.UnsubscribeConfig, site),
    languageCode,
    enabled: wire.Status === 1,
  };
}
