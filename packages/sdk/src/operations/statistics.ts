import * as z from 'zod';
import { dateString } from './common.js';
import { defineOperation } from './operation.js';

const buildVolume = () =>
  z.looseObject({
    /** `YYYY-MM-DD`; absent in the overall total. */
    SendDate: z.string().optional(),
    RequestCount: z.number().optional(),
    /** Mails that passed Tencent's checks. */
    AcceptedCount: z.number().optional(),
    DeliveredCount: z.number().optional(),
    /** Total opens (not unique). */
    OpenedCount: z.number().optional(),
    /** Users who clicked. */
    ClickedCount: z.number().optional(),
    BounceCount: z.number().optional(),
    UnsubscribeCount: z.number().optional(),
  });
/** Sending counters for one day (or the whole range, in `OverallVolume`). */
export const VolumeSchema = /* @__PURE__ */ z.lazy(buildVolume);
/** Sending counters, as answered. */
export type WireVolume = z.output<typeof VolumeSchema>;

/** Daily sending statistics. */
export const statisticsOperations = {
  GetStatisticsReport: defineOperation({
    action: 'GetStatisticsReport',
    input: () =>
      z.strictObject({
        StartDate: dateString(),
        EndDate: dateString(),
        /** Sender domain. */
        Domain: z.string().optional(),
        /** Recipient domain, e.g. `gmail.com`. */
        ReceivingMailboxType: z.string().optional(),
      }),
    output: () =>
      z.looseObject({
        DailyVolumes: z.array(buildVolume()).optional(),
        OverallVolume: buildVolume().optional(),
      }),
    idempotent: true,
  }),
};
