import * as z from 'zod';
import { tagItem, tagItemOutput, uint } from './common.js';
import { defineOperation } from './operation.js';

const buildDnsAttributes = () =>
  z.looseObject({
    /** `CNAME` | `A` | `TXT` | `MX` */
    Type: z.string().optional(),
    SendDomain: z.string().optional(),
    ExpectedValue: z.string().optional(),
    CurrentValue: z.string().optional(),
    /** False until the record is seen in DNS. */
    Status: z.boolean().optional(),
  });
/** One DNS record to create (or already checked) for a sender domain. */
export const DnsAttributesSchema = /* @__PURE__ */ z.lazy(buildDnsAttributes);
/** A DNS record of a sender domain, as answered. */
export type WireDnsAttributes = z.output<typeof DnsAttributesSchema>;

const buildEmailIdentity = () =>
  z.looseObject({
    IdentityName: z.string().optional(),
    /** Always `DOMAIN`. */
    IdentityType: z.string().optional(),
    /** True once the domain is verified. */
    SendingEnabled: z.boolean().optional(),
    CurrentReputationLevel: z.number().optional(),
    DailyQuota: z.number().optional(),
    /** Dedicated IPs, when bought. */
    SendIp: z.array(z.string()).optional(),
    TagList: z.array(tagItemOutput()).optional(),
    DKIMOption: z.number().optional(),
  });
/** A sender domain in `ListEmailIdentities`. */
export const EmailIdentitySchema = /* @__PURE__ */ z.lazy(buildEmailIdentity);
/** A sender domain, as answered by `ListEmailIdentities`. */
export type WireEmailIdentity = z.output<typeof EmailIdentitySchema>;

const buildEmailIdentityDetail = () =>
  z.looseObject({
    IdentityType: z.string().optional(),
    VerifiedForSendingStatus: z.boolean().optional(),
    Attributes: z.array(buildDnsAttributes()).optional(),
    DKIMOption: z.number().optional(),
    TagList: z.array(tagItemOutput()).optional(),
  });
/** The answer of Create/Get/UpdateEmailIdentity: the domain's verification state and records. */
export const EmailIdentityDetailSchema = /* @__PURE__ */ z.lazy(buildEmailIdentityDetail);
/** A sender domain's verification state and DNS records. */
export type WireEmailIdentityDetail = z.output<typeof EmailIdentityDetailSchema>;

const emailIdentity = () => z.string().min(1, 'must not be empty');

/** Sender domains (`EmailIdentity`). */
export const identityOperations = {
  CreateEmailIdentity: defineOperation({
    action: 'CreateEmailIdentity',
    input: () =>
      z.strictObject({
        EmailIdentity: emailIdentity(),
        DKIMOption: z.literal([0, 1], 'must be 0 (1024-bit) or 1 (2048-bit)').optional(),
        TagList: z.array(tagItem()).optional(),
      }),
    output: () => buildEmailIdentityDetail(),
    // A repeat answers RepeatCreation: retrying after a timeout would report a domain that was
    // created as an error (and lose its DNS records), so it is retried only when provably not applied.
    idempotent: false,
  }),
  GetEmailIdentity: defineOperation({
    action: 'GetEmailIdentity',
    input: () => z.strictObject({ EmailIdentity: emailIdentity() }),
    output: () => buildEmailIdentityDetail(),
    idempotent: true,
  }),
  ListEmailIdentities: defineOperation({
    action: 'ListEmailIdentities',
    input: () =>
      z.strictObject({
        TagList: z.array(tagItem()).optional(),
        // No documented cap here, unlike the other lists.
        Limit: uint().optional(),
        Offset: uint().optional(),
      }),
    output: () =>
      z.looseObject({
        EmailIdentities: z.array(buildEmailIdentity()).optional(),
        MaxReputationLevel: z.number().optional(),
        MaxDailyQuota: z.number().optional(),
        Total: z.number().optional(),
      }),
    idempotent: true,
    list: { itemsKey: 'EmailIdentities', totalKey: 'Total' },
  }),
  UpdateEmailIdentity: defineOperation({
    action: 'UpdateEmailIdentity',
    input: () =>
      z.strictObject({
        EmailIdentity: emailIdentity(),
        NewAPI: z.boolean().optional(),
        DKIMOption: z.literal([0, 1, 2], 'must be 0 (1024-bit), 1 (2048-bit) or 2 (both)').optional(),
      }),
    output: () => buildEmailIdentityDetail(),
    // "Re-check my DNS now": repeating converges on the same state.
    idempotent: true,
  }),
  DeleteEmailIdentity: defineOperation({
    action: 'DeleteEmailIdentity',
    input: () => z.strictObject({ EmailIdentity: emailIdentity() }),
    output: () => z.looseObject({}),
    idempotent: false,
  }),
};
