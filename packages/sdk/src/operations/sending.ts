import * as z from 'zod';
import {
  charLength,
  dateTimeString,
  emailAddress,
  headerText,
  MAX_RECIPIENT_TEMPLATE_DATA_BYTES,
  mailbox,
  numberCodes,
  uint,
  utf8ByteLength,
} from './common.js';
import { defineOperation } from './operation.js';

/** Most `Destination` addresses of one `SendEmail` (`FailedOperation.TooManyRecipients`). */
export const MAX_DESTINATION = 50;
/** Most `Cc` (and, separately, `Bcc`) addresses of one `SendEmail`. */
export const MAX_CC = 20;
/** Most attachments of one mail (`FailedOperation.TooManyAttachments`). */
export const MAX_ATTACHMENTS = 10;

const buildTemplate = () =>
  z.strictObject({
    TemplateID: uint(),
    TemplateData: z
      .string()
      .refine(
        (v) => utf8ByteLength(v) <= MAX_RECIPIENT_TEMPLATE_DATA_BYTES,
        `at most ${MAX_RECIPIENT_TEMPLATE_DATA_BYTES} bytes (UTF-8)`,
      ),
  });
/**
 * A template reference with its variables. `TemplateData` is a JSON object serialised to a
 * string (`{}` when the template has no variables), held to the same 800 bytes as a recipient's
 * (the resources check it too); its JSON validity is the service's check
 * (`FailedOperation.WrongContentJson`).
 */
export const TemplateSchema = /* @__PURE__ */ z.lazy(buildTemplate);
/** A template reference, as sent. */
export type WireTemplate = z.output<typeof TemplateSchema>;

const buildSimple = () => z.strictObject({ Html: z.string().optional(), Text: z.string().optional() });
/** Custom content, base64 (deprecated; needs a special grant on the account). */
export const SimpleSchema = /* @__PURE__ */ z.lazy(buildSimple);
/** Custom content, as sent. */
export type WireSimple = z.output<typeof SimpleSchema>;

const buildAttachment = () =>
  z.strictObject({
    FileName: headerText()
      .min(1, 'must not be empty')
      .refine((v) => charLength(v) <= 255, 'at most 255 characters'),
    Content: z.string().optional(),
    /** Documented as "not open, do not use". */
    FileURL: z.string().optional(),
  });
/** One attachment: a file name and base64 content. */
export const AttachmentSchema = /* @__PURE__ */ z.lazy(buildAttachment);
/** An attachment, as sent. */
export type WireAttachment = z.output<typeof AttachmentSchema>;

const buildCycleEmailParam = () =>
  z.strictObject({
    BeginTime: dateTimeString(),
    /** @unit hours */
    IntervalTime: uint().min(1, 'at least 1 hour'),
    TermCycle: z.literal([0, 1], 'must be 0 (continue) or 1 (stop)').optional(),
  });
/** Recurring batch task: first run and interval. */
export const CycleEmailParamSchema = /* @__PURE__ */ z.lazy(buildCycleEmailParam);
/** Recurring batch parameters, as sent. */
export type WireCycleEmailParam = z.output<typeof CycleEmailParamSchema>;

const buildTimedEmailParam = () => z.strictObject({ BeginTime: dateTimeString() });
/** Scheduled batch task: when it starts. */
export const TimedEmailParamSchema = /* @__PURE__ */ z.lazy(buildTimedEmailParam);
/** Scheduled batch parameters, as sent. */
export type WireTimedEmailParam = z.output<typeof TimedEmailParamSchema>;

const subject = () =>
  headerText().refine((v) => {
    const length = charLength(v);
    return length >= 1 && length <= 100;
  }, 'must be 1–100 characters');

/** Unsubscribe-link language codes of SendEmail/BatchSendEmail (`"0"` = no link; meanings differ by site). */
export const UNSUBSCRIBE_CODES: readonly string[] = numberCodes(12);
// Typed as a plain string: the codes' meanings differ between the China and international sites.
const unsubscribe = () =>
  z.string().refine((v) => UNSUBSCRIBE_CODES.includes(v), 'must be a language code "0"–"12"');

// A single address: the API takes one reply-to, as a string.
const replyTo = () =>
  headerText()
    .refine((v) => !v.includes(','), 'one address only')
    .pipe(emailAddress());

const attachments = () =>
  z.array(buildAttachment()).max(MAX_ATTACHMENTS, `at most ${MAX_ATTACHMENTS} attachments`);

const sendEmailInput = () =>
  z
    .strictObject({
      FromEmailAddress: mailbox(),
      Destination: z
        .array(emailAddress())
        .max(MAX_DESTINATION, `at most ${MAX_DESTINATION} recipients`)
        .optional(),
      Subject: subject(),
      ReplyToAddresses: replyTo().optional(),
      Cc: z.array(emailAddress()).max(MAX_CC, `at most ${MAX_CC} Cc recipients`).optional(),
      Bcc: z.array(emailAddress()).max(MAX_CC, `at most ${MAX_CC} Bcc recipients`).optional(),
      Template: buildTemplate().optional(),
      Simple: buildSimple().optional(),
      Attachments: attachments().optional(),
      Unsubscribe: unsubscribe().optional(),
      TriggerType: z.literal([0, 1], 'must be 0 (non-trigger) or 1 (trigger)').optional(),
      SmtpMessageId: headerText().optional(),
      SmtpHeaders: z.string().optional(),
      HeaderFrom: headerText().optional(),
    })
    .superRefine((input, ctx) => {
      const to = input.Destination ?? [];
      const bcc = input.Bcc ?? [];
      if (to.length + (input.Cc?.length ?? 0) + bcc.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['Destination'],
          message: 'at least one recipient in Destination, Cc or Bcc',
        });
      }
      const toSet = new Set(to.map((a) => a.toLowerCase()));
      const overlap = bcc.find((a) => toSet.has(a.toLowerCase()));
      if (overlap !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['Bcc'],
          message: `must not overlap Destination (${overlap} is in both)`,
        });
      }
    });

/** Single and batch sending. Neither is idempotent: there is no client token. */
export const sendingOperations = {
  SendEmail: defineOperation({
    action: 'SendEmail',
    input: sendEmailInput,
    output: () => z.looseObject({ MessageId: z.string().optional() }),
    idempotent: false,
  }),
  BatchSendEmail: defineOperation({
    action: 'BatchSendEmail',
    // Which of TimedParam/CycleParam a TaskType needs is the service's check (MissingParameter.*).
    input: () =>
      z.strictObject({
        FromEmailAddress: mailbox(),
        ReceiverId: uint(),
        Subject: subject(),
        TaskType: z.literal([1, 2, 3], 'must be 1 (immediate), 2 (scheduled) or 3 (recurring)'),
        ReplyToAddresses: replyTo().optional(),
        Template: buildTemplate().optional(),
        Simple: buildSimple().optional(),
        Attachments: attachments().optional(),
        CycleParam: buildCycleEmailParam().optional(),
        TimedParam: buildTimedEmailParam().optional(),
        Unsubscribe: unsubscribe().optional(),
        ADLocation: z
          .literal([0, 1, 2], 'must be 0 (no ad label), 1 (before) or 2 (after the subject)')
          .optional(),
      }),
    output: () => z.looseObject({ TaskId: z.number().optional() }),
    idempotent: false,
  }),
};
