import * as z from 'zod';
import {
  charLength,
  dateOrDateTimeString,
  pageLimit,
  pageOffset,
  recipientTemplateData,
  uint,
} from './common.js';
import { defineOperation } from './operation.js';

/** Most addresses one `CreateReceiverDetail*` call accepts. */
export const MAX_RECIPIENTS_PER_UPLOAD = 20_000;

const buildReceiverInputData = () =>
  z.strictObject({
    // Not checked here: the service counts and reports invalid addresses (ReceiverEmailInvalid).
    Email: z.string(),
    TemplateData: recipientTemplateData(),
  });
/** One recipient with its own template variables (`CreateReceiverDetailWithData`). */
export const ReceiverInputDataSchema = /* @__PURE__ */ z.lazy(buildReceiverInputData);
/** A recipient with template variables, as sent. */
export type WireReceiverInputData = z.output<typeof ReceiverInputDataSchema>;

const buildReceiverData = () =>
  z.looseObject({
    ReceiverId: z.number().optional(),
    ReceiversName: z.string().optional(),
    /** Number of addresses. */
    Count: z.number().optional(),
    Desc: z.string().optional(),
    /** `1` awaiting upload · `2` uploading · `3` upload complete */
    ReceiversStatus: z.number().optional(),
    /** `YYYY-MM-DD HH:mm:ss` */
    CreateTime: z.string().optional(),
    InvalidCount: z.number().optional(),
  });
/** A recipient list in `ListReceivers`. */
export const ReceiverDataSchema = /* @__PURE__ */ z.lazy(buildReceiverData);
/** A recipient list, as answered. */
export type WireReceiverData = z.output<typeof ReceiverDataSchema>;

const buildReceiverDetail = () =>
  z.looseObject({
    Email: z.string().optional(),
    CreateTime: z.string().optional(),
    TemplateData: z.string().optional(),
    /** Why the address is invalid. */
    Reason: z.string().optional(),
    /** `1` valid · `2` invalid */
    Status: z.number().optional(),
    EmailId: z.number().optional(),
  });
/** One address of a recipient list in `ListReceiverDetails`. */
export const ReceiverDetailSchema = /* @__PURE__ */ z.lazy(buildReceiverDetail);
/** An address of a recipient list, as answered. */
export type WireReceiverDetail = z.output<typeof ReceiverDetailSchema>;

const buildUploadResult = () =>
  z.looseObject({
    TotalCount: z.number().optional(),
    /** Addresses actually uploaded. */
    ValidCount: z.number().optional(),
    TooLongCount: z.number().optional(),
    EmptyEmailCount: z.number().optional(),
    RepeatCount: z.number().optional(),
  });

// Digits grouped by hand: `toLocaleString` loads ICU data, about 15 ms of every CLI start when this
// ran at module load (measured in bench/cli.md).
const uploadLimit = `at most ${String(MAX_RECIPIENTS_PER_UPLOAD).replace(/\B(?=(\d{3})+$)/g, ',')} per call`;

/** Recipient lists (receivers) and their addresses. */
export const receiverOperations = {
  CreateReceiver: defineOperation({
    action: 'CreateReceiver',
    input: () =>
      z.strictObject({
        ReceiversName: z.string(),
        Desc: z
          .string()
          .refine((v) => charLength(v) >= 1 && charLength(v) <= 300, 'must be 1–300 characters')
          .optional(),
      }),
    output: () => z.looseObject({ ReceiverId: z.number().optional() }),
    // Each call creates a list with a new ID.
    idempotent: false,
  }),
  CreateReceiverDetail: defineOperation({
    action: 'CreateReceiverDetail',
    input: () =>
      z.strictObject({
        ReceiverId: uint(),
        // Entries are not checked one by one: the service counts empty/too long/invalid ones.
        Emails: z.array(z.string()).min(1, 'at least one').max(MAX_RECIPIENTS_PER_UPLOAD, uploadLimit),
      }),
    output: () => buildUploadResult(),
    // Appends without de-duplication: a repeat would add every address twice.
    idempotent: false,
  }),
  CreateReceiverDetailWithData: defineOperation({
    action: 'CreateReceiverDetailWithData',
    input: () =>
      z.strictObject({
        ReceiverId: uint(),
        Datas: z
          .array(buildReceiverInputData())
          .min(1, 'at least one')
          .max(MAX_RECIPIENTS_PER_UPLOAD, uploadLimit),
      }),
    output: () => buildUploadResult(),
    // Appends without de-duplication: a repeat would add every address twice.
    idempotent: false,
  }),
  ListReceivers: defineOperation({
    action: 'ListReceivers',
    input: () =>
      z.strictObject({
        Offset: pageOffset(),
        Limit: pageLimit(),
        Status: z.literal([1, 2, 3], 'must be 1 (awaiting upload), 2 (uploading) or 3 (complete)').optional(),
        KeyWord: z.string().optional(),
      }),
    output: () =>
      z.looseObject({
        TotalCount: z.number().optional(),
        Data: z.array(buildReceiverData()).optional(),
      }),
    idempotent: true,
    list: { itemsKey: 'Data', totalKey: 'TotalCount' },
  }),
  ListReceiverDetails: defineOperation({
    action: 'ListReceiverDetails',
    input: () =>
      z.strictObject({
        ReceiverId: uint(),
        Offset: pageOffset(),
        Limit: pageLimit(),
        Email: z.string().max(50, 'at most 50 characters').optional(),
        CreateTimeBegin: dateOrDateTimeString().optional(),
        CreateTimeEnd: dateOrDateTimeString().optional(),
        Status: z.literal([1, 2], 'must be 1 (valid) or 2 (invalid)').optional(),
      }),
    output: () =>
      z.looseObject({
        TotalCount: z.number().optional(),
        Data: z.array(buildReceiverDetail()).optional(),
        ValidCount: z.number().optional(),
        InvalidCount: z.number().optional(),
      }),
    idempotent: true,
    list: { itemsKey: 'Data', totalKey: 'TotalCount' },
  }),
  DeleteReceiver: defineOperation({
    action: 'DeleteReceiver',
    input: () => z.strictObject({ ReceiverId: uint() }),
    output: () => z.looseObject({}),
    idempotent: false,
  }),
};
