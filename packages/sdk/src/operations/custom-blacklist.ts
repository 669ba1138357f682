import * as z from 'zod';
import { dateString, emailAddress, isDateString, pageLimit, pageOffset, uint } from './common.js';
import { defineOperation } from './operation.js';

const buildBlackAddressDetail = () =>
  z.looseObject({
    Id: z.number().optional(),
    Email: z.string().optional(),
    CreateTime: z.string().optional(),
    /** `YYYY-MM-DD`; empty when it never expires. */
    ExpireDate: z.string().optional(),
    /** `0` expired · `1` active */
    Status: z.number().optional(),
  });
/** An address of the customer-maintained blacklist. */
export const BlackAddressDetailSchema = /* @__PURE__ */ z.lazy(buildBlackAddressDetail);
/** A custom-blacklist entry, as answered. */
export type WireBlackAddressDetail = z.output<typeof BlackAddressDetailSchema>;

// Entries are not checked one by one: the service counts invalid and too long ones.
const emails = () => z.array(z.string()).min(1, 'at least one address');

/** The customer-maintained blacklist (note the API's casing: `…Blacklist` vs `…BlackList`). */
export const customBlacklistOperations = {
  CreateCustomBlacklist: defineOperation({
    action: 'CreateCustomBlacklist',
    input: () => z.strictObject({ Emails: emails(), ExpireDate: dateString().optional() }),
    output: () =>
      z.looseObject({
        TotalCount: z.number().optional(),
        ValidCount: z.number().optional(),
        TooLongCount: z.number().optional(),
        RepeatCount: z.number().optional(),
        InvalidCount: z.number().optional(),
      }),
    // A repeat is reported as RepeatCount, but the outcome counters differ; treat as a create.
    idempotent: false,
  }),
  ListCustomBlacklist: defineOperation({
    action: 'ListCustomBlacklist',
    input: () =>
      z.strictObject({
        Offset: pageOffset(),
        Limit: pageLimit(),
        Status: z.literal([0, 1, 2], 'must be 0 (expired), 1 (active) or 2 (all)'),
        Email: z.string().optional(),
      }),
    output: () =>
      z.looseObject({
        TotalCount: z.number().optional(),
        Data: z.array(buildBlackAddressDetail()).optional(),
      }),
    idempotent: true,
    list: { itemsKey: 'Data', totalKey: 'TotalCount' },
  }),
  UpdateCustomBlackList: defineOperation({
    action: 'UpdateCustomBlackList',
    input: () =>
      z.strictObject({
        Id: uint(),
        Email: emailAddress(),
        ExpireDate: z
          .string()
          .refine((v) => v === '' || isDateString(v), 'must be YYYY-MM-DD (empty = never expires)')
          .optional(),
      }),
    output: () => z.looseObject({}),
    idempotent: true,
  }),
  DeleteCustomBlackList: defineOperation({
    action: 'DeleteCustomBlackList',
    input: () => z.strictObject({ Emails: emails() }),
    output: () => z.looseObject({}),
    idempotent: true,
  }),
};
