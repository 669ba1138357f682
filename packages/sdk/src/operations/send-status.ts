import * as z from 'zod';
import { dateString, pageLimit, pageOffset } from './common.js';
import { defineOperation } from './operation.js';

const buildSendEmailStatus = () =>
  z.looseObject({
    MessageId: z.string().optional(),
    ToEmailAddress: z.string().optional(),
    FromEmailAddress: z.string().optional(),
    /** Tencent-side outcome: `0` accepted, else an error code (1001–3033). */
    SendStatus: z.number().optional(),
    /** Recipient-side: `0` queued · `1` delivered · `2` dropped · `3` rejected · `8` deferred */
    DeliverStatus: z.number().optional(),
    DeliverMessage: z.string().optional(),
    RequestTime: z.number().optional(),
    DeliverTime: z.number().optional(),
    UserOpened: z.boolean().optional(),
    UserClicked: z.boolean().optional(),
    UserUnsubscribed: z.boolean().optional(),
    /** Deprecated misspelling, still in the documented examples; prefer `UserComplained`. */
    UserComplainted: z.boolean().optional(),
    UserComplained: z.boolean().optional(),
  });
/** The delivery record of one mail to one recipient. */
export const SendEmailStatusSchema = /* @__PURE__ */ z.lazy(buildSendEmailStatus);
/** A delivery record, as answered. */
export type WireSendEmailStatus = z.output<typeof SendEmailStatusSchema>;

/** Per-mail delivery status. */
export const sendStatusOperations = {
  GetSendEmailStatus: defineOperation({
    action: 'GetSendEmailStatus',
    input: () =>
      z.strictObject({
        // One day only; the queryable window (30 days) is the service's check (NotSupportDate).
        RequestDate: dateString(),
        Offset: pageOffset(),
        Limit: pageLimit(),
        MessageId: z.string().optional(),
        ToEmailAddress: z.string().optional(),
      }),
    output: () => z.looseObject({ EmailStatusList: z.array(buildSendEmailStatus()).optional() }),
    idempotent: true,
    list: { itemsKey: 'EmailStatusList' },
  }),
};
