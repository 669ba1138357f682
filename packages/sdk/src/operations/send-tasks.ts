import * as z from 'zod';
import { pageLimit, pageOffset, uint } from './common.js';
import { defineOperation } from './operation.js';

const buildSendTaskData = () =>
  z.looseObject({
    TaskId: z.number().optional(),
    FromEmailAddress: z.string().optional(),
    ReceiverId: z.number().optional(),
    /** `1` waiting · `5` sending · `6` paused for today · `7` error · `10` finished */
    TaskStatus: z.number().optional(),
    /** `1` immediate · `2` scheduled · `3` recurring */
    TaskType: z.number().optional(),
    RequestCount: z.number().optional(),
    SendCount: z.number().optional(),
    /** Mails held back (e.g. over today's quota) and sent later. */
    CacheCount: z.number().optional(),
    CreateTime: z.string().optional(),
    UpdateTime: z.string().optional(),
    Subject: z.string().optional(),
    Template: z
      .looseObject({ TemplateID: z.number().optional(), TemplateData: z.string().optional() })
      .optional(),
    // Documented as possibly null.
    CycleParam: z
      .looseObject({
        BeginTime: z.string().optional(),
        IntervalTime: z.number().optional(),
        TermCycle: z.number().optional(),
      })
      .nullish(),
    TimedParam: z.looseObject({ BeginTime: z.string().optional() }).nullish(),
    ErrMsg: z.string().optional(),
    ReceiversName: z.string().optional(),
  });
/** A batch task in `ListSendTasks`. */
export const SendTaskDataSchema = /* @__PURE__ */ z.lazy(buildSendTaskData);
/** A batch task, as answered. */
export type WireSendTaskData = z.output<typeof SendTaskDataSchema>;

/** Batch send tasks. */
export const sendTaskOperations = {
  ListSendTasks: defineOperation({
    action: 'ListSendTasks',
    input: () =>
      z.strictObject({
        Offset: pageOffset(),
        Limit: pageLimit(),
        Status: z.literal([1, 5, 6, 7, 10], 'must be 1, 5, 6, 7 or 10').optional(),
        ReceiverId: uint().optional(),
        TaskType: z.literal([1, 2, 3], 'must be 1 (immediate), 2 (scheduled) or 3 (recurring)').optional(),
      }),
    output: () =>
      z.looseObject({
        TotalCount: z.number().optional(),
        Data: z.array(buildSendTaskData()).optional(),
      }),
    idempotent: true,
    list: { itemsKey: 'Data', totalKey: 'TotalCount' },
  }),
};
