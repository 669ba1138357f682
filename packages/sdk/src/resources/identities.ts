import type { RequestOptions } from '../client.js';
import { ValidationError } from '../core/errors.js';
import type { PagePromise } from '../core/pagination.js';
import type {
  WireDnsAttributes,
  WireEmailIdentity,
  WireEmailIdentityDetail,
} from '../operations/identities.js';
import { type CodeTable, nameOf } from './shared/codes.js';
import { compact } from './shared/compact.js';
import type { ListParams } from './shared/list.js';
import { Resource } from './shared/resource.js';
import type { RequestIdResult } from './shared/results.js';

/** DKIM key setup: 1024-bit, 2048-bit, or both keys signing (`dual`, only when updating). */
export type DkimOption = 'rsa-1024' | 'rsa-2048' | 'dual';

const DKIM: CodeTable<DkimOption> = { 0: 'rsa-1024', 1: 'rsa-2048', 2: 'dual' };
const DKIM_CODE: Readonly<Record<DkimOption, 0 | 1 | 2>> = { 'rsa-1024': 0, 'rsa-2048': 1, dual: 2 };

/** A resource tag. */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** A DNS record to create for a sender domain, and whether it was seen. */
export interface DnsRecord {
  /** `CNAME` | `A` | `TXT` | `MX` */
  readonly type: string;
  /** Host name of the record. */
  readonly name: string;
  readonly expectedValue: string;
  readonly currentValue: string;
  readonly verified: boolean;
}

/** A sender domain's verification state (`Create`/`Get`/`UpdateEmailIdentity`). */
export interface IdentityVerification {
  readonly domain: string;
  /** Always `DOMAIN` today. */
  readonly type: string;
  /** True once every record checks out and the domain can send. */
  readonly verified: boolean;
  readonly dnsRecords: readonly DnsRecord[];
  readonly dkim: DkimOption | 'unknown';
  /** The raw `DKIMOption`. */
  readonly dkimCode: number;
  readonly tags: readonly Tag[];
}

/** What `create` and `verify` answer: the verification state, and the request that changed it. */
export interface IdentityChange extends IdentityVerification {
  readonly requestId: string;
}

/** A sender domain in a list (`ListEmailIdentities`). */
export interface Identity {
  readonly domain: string;
  readonly type: string;
  readonly verified: boolean;
  readonly reputationLevel: number;
  readonly dailyQuota: number;
  /** Dedicated IPs, when bought. */
  readonly sendIps: readonly string[];
  readonly dkim: DkimOption | 'unknown';
  readonly dkimCode: number;
  readonly tags: readonly Tag[];
}

/** Account-wide figures `ListEmailIdentities` returns next to each page. */
export interface IdentityListMeta {
  readonly maxReputationLevel: number | undefined;
  /** The highest daily volume of one domain. */
  readonly maxDailyQuota: number | undefined;
}

/** Parameters of `identities.create`. */
export interface IdentityCreateParams {
  /** DKIM key setup. @default 'rsa-1024' */
  readonly dkim?: 'rsa-1024' | 'rsa-2048' | undefined;
  readonly tags?: readonly Tag[] | undefined;
}

/** Parameters of `identities.verify`. */
export interface IdentityVerifyParams {
  /** A DKIM key setup to switch to while verifying. */
  readonly dkim?: DkimOption | undefined;
}

/** Filters of `identities.list`. */
export interface IdentityListParams extends ListParams {
  readonly tags?: readonly Tag[] | undefined;
}

/** Sender domains: `CreateEmailIdentity`, `GetEmailIdentity`, `ListEmailIdentities`, `UpdateEmailIdentity`, `DeleteEmailIdentity`. */
export class Identities extends Resource {
  protected override readonly fieldNames = { EmailIdentity: 'domain', DKIMOption: 'dkim', TagList: 'tags' };

  /**
   * Registers a sender domain; the answer lists the DNS records to create before it can send.
   * @example const { dnsRecords } = await ses.identities.create('mail.example.com')
   */
  async create(
    domain: string,
    params: IdentityCreateParams = {},
    options?: RequestOptions,
  ): Promise<IdentityChange> {
    const out = await this.invoke(
      'CreateEmailIdentity',
      compact({
        EmailIdentity: domain,
        DKIMOption: params.dkim === undefined ? undefined : (dkimCode(params.dkim) as 0 | 1),
        TagList: params.tags?.map((t) => ({ TagKey: t.key, TagValue: t.value })),
      }),
      options,
    );
    const created = { ...toVerification(domain, out), requestId: out.RequestId };
    // The answer carries no TagList: the tags are the ones just given.
    return out.TagList === undefined ? { ...created, tags: params.tags ?? [] } : created;
  }

  /** The domain's verification state and DNS records. */
  async get(domain: string, options?: RequestOptions): Promise<IdentityVerification> {
    return toVerification(domain, await this.invoke('GetEmailIdentity', { EmailIdentity: domain }, options));
  }

  /** Lists sender domains, verified or not; each page carries the account's reputation figures. */
  list(params: IdentityListParams = {}, options?: RequestOptions): PagePromise<Identity, IdentityListMeta> {
    const tags = params.tags?.map((t) => ({ TagKey: t.key, TagValue: t.value }));
    return this.pages(
      'ListEmailIdentities',
      params,
      {
        input: ({ offset, limit }) => compact({ Offset: offset, Limit: limit, TagList: tags }),
        item: toIdentity,
        meta: (out) => ({ maxReputationLevel: out.MaxReputationLevel, maxDailyQuota: out.MaxDailyQuota }),
      },
      options,
    );
  }

  /** Asks the service to check the domain's DNS records again ("verify now"), optionally changing DKIM. */
  async verify(
    domain: string,
    params: IdentityVerifyParams = {},
    options?: RequestOptions,
  ): Promise<IdentityChange> {
    const out = await this.invoke(
      'UpdateEmailIdentity',
      compact({
        EmailIdentity: domain,
        DKIMOption: params.dkim === undefined ? undefined : dkimCode(params.dkim),
      }),
      options,
    );
    return { ...toVerification(domain, out), requestId: out.RequestId };
  }

  /** Deletes a sender domain (its sender addresses must be deleted first). */
  async delete(domain: string, options?: RequestOptions): Promise<RequestIdResult> {
    const out = await this.invoke('DeleteEmailIdentity', { EmailIdentity: domain }, options);
    return { requestId: out.RequestId };
  }
}

function dkimCode(option: DkimOption): 0 | 1 | 2 {
  const code = DKIM_CODE[option];
  if (code === undefined) throw new ValidationError('dkim', 'must be rsa-1024, rsa-2048 or dual');
  return code;
}

function toTags(
  list: readonly { TagKey?: string | undefined; TagValue?: string | undefined }[] | undefined,
): Tag[] {
  return (list ?? []).map((t) => ({ key: t.TagKey ?? '', value: t.TagValue ?? '' }));
}

function toDnsRecord(wire: WireDnsAttributes): DnsRecord {
  return {
    type: wire.Type ?? '',
    name: wire.SendDomain ?? '',
    expectedValue: wire.ExpectedValue ?? '',
    currentValue: wire.CurrentValue ?? '',
    verified: wire.Status ?? false,
  };
}

function toVerification(domain: string, wire: WireEmailIdentityDetail): IdentityVerification {
  const dkimCode = wire.DKIMOption ?? 0;
  return {
    domain,
    type: wire.IdentityType ?? 'DOMAIN',
    verified: wire.VerifiedForSendingStatus ?? false,
    dnsRecords: (wire.Attributes ?? []).map(toDnsRecord),
    dkim: nameOf(DKIM, dkimCode),
    dkimCode,
    tags: toTags(wire.TagList),
  };
}

function toIdentity(wire: WireEmailIdentity): Identity {
  const dkimCode = wire.DKIMOption ?? 0;
  return {
    domain: wire.IdentityName ?? '',
    type: wire.IdentityType ?? 'DOMAIN',
    verified: wire.SendingEnabled ?? false,
    reputationLevel: wire.CurrentReputationLevel ?? 0,
    dailyQuota: wire.DailyQuota ?? 0,
    sendIps: wire.SendIp ?? [],
    dkim: nameOf(DKIM, dkimCode),
    dkimCode,
    tags: toTags(wire.TagList),
  };
}
