import * as z from 'zod';
import { dateOrDateTimeString } from './common.js';
import { defineOperation } from './operation.js';

/** Most reports one `GetAbuseReport` page returns. */
export const MAX_ABUSE_REPORT_LIMIT = 1000;

const buildAbuseReport = () =>
  z.looseObject({
    DeliverTime: z.string().optional(),
    OriginalMailFrom: z.string().optional(),
    OriginalRcptTo: z.string().optional(),
    FromDomain: z.string().optional(),
    ComplainTime: z.string().optional(),
    Mta: z.string().optional(),
    SourceIp: z.string().optional(),
    InsertTime: z.string().optional(),
    TemplateId: z.string().optional(),
    BulkId: z.string().optional(),
    MessageId: z.string().optional(),
    AbuseTime: z.string().optional(),
    Subject: z.string().optional(),
  });
/** One spam complaint (every field is a string on the wire). */
export const AbuseReportSchema = /* @__PURE__ */ z.lazy(buildAbuseReport);
/** A spam complaint, as answered. */
export type WireAbuseReport = z.output<typeof AbuseReportSchema>;

/** Spam-complaint reports. */
export const abuseReportOperations = {
  GetAbuseReport: defineOperation({
    action: 'GetAbuseReport',
    input: () =>
      z.strictObject({
        StartTime: dateOrDateTimeString(),
        EndTime: dateOrDateTimeString(),
        // Signed (i64) on the wire, unlike the other lists; negatives still make no sense.
        Offset: z.number().int('must be an integer').min(0, 'must not be negative').optional(),
        Limit: z
          .number()
          .int('must be an integer')
          .min(0, 'must not be negative')
          .max(MAX_ABUSE_REPORT_LIMIT, `at most ${MAX_ABUSE_REPORT_LIMIT}`)
          .optional(),
        FromDomain: z.string().optional(),
        FromAddress: z.string().optional(),
        /** Recipient domain. */
        Mta: z.string().optional(),
        ToAddress: z.string().optional(),
        /** A string here, unlike `TemplateID` elsewhere. */
        TemplateId: z.string().optional(),
      }),
    output: () =>
      z.looseObject({
        Data: z.array(buildAbuseReport()).optional(),
        TotalCount: z.number().optional(),
      }),
    idempotent: true,
    list: { itemsKey: 'Data', totalKey: 'TotalCount' },
  }),
};
