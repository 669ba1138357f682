import * as z from 'zod';
import { dateString, pageLimit, pageOffset } from './common.js';
import { defineOperation } from './operation.js';

const buildBlackEmailAddress = () =>
  z.looseObject({
    BounceTime: z.string().optional(),
    EmailAddress: z.string().optional(),
    /** The receiving ISP's reason. */
    IspDesc: z.string().optional(),
  });
/** An address blocked after a hard bounce. */
export const BlackEmailAddressSchema = /* @__PURE__ */ z.lazy(buildBlackEmailAddress);
/** A bounce-blacklisted address, as answered. */
export type WireBlackEmailAddress = z.output<typeof BlackEmailAddressSchema>;

/** The bounce blacklist, maintained by the service. */
export const blacklistOperations = {
  ListBlackEmailAddress: defineOperation({
    action: 'ListBlackEmailAddress',
    input: () =>
      z.strictObject({
        StartDate: dateString(),
        EndDate: dateString(),
        Limit: pageLimit(),
        Offset: pageOffset(),
        EmailAddress: z.string().optional(),
        /** Deprecated. */
        TaskID: z.string().optional(),
      }),
    output: () =>
      z.looseObject({
        BlackList: z.array(buildBlackEmailAddress()).optional(),
        TotalCount: z.number().optional(),
      }),
    idempotent: true,
    list: { itemsKey: 'BlackList', totalKey: 'TotalCount' },
  }),
  DeleteBlackList: defineOperation({
    action: 'DeleteBlackList',
    input: () => z.strictObject({ EmailAddressList: z.array(z.string()).min(1, 'at least one address') }),
    output: () => z.looseObject({}),
    idempotent: true,
  }),
};
