import * as z from 'zod';
import { emailAddress, headerText } from './common.js';
import { defineOperation } from './operation.js';

const buildEmailSender = () =>
  z.looseObject({
    EmailAddress: z.string().optional(),
    EmailSenderName: z.string().optional(),
    /** @unit Unix seconds */
    CreatedTimestamp: z.number().optional(),
    /** `0` no SMTP password set · `1` set */
    SmtpPwdType: z.number().optional(),
  });
/** A sender address in `ListEmailAddress`. */
export const EmailSenderSchema = /* @__PURE__ */ z.lazy(buildEmailSender);
/** A sender address, as answered. */
export type WireEmailSender = z.output<typeof EmailSenderSchema>;

/** Sender addresses and their SMTP password. */
export const senderOperations = {
  CreateEmailAddress: defineOperation({
    action: 'CreateEmailAddress',
    input: () =>
      z.strictObject({
        EmailAddress: emailAddress(),
        // Shown as the display name in From:, hence header-bound.
        EmailSenderName: headerText().optional(),
      }),
    output: () => z.looseObject({}),
    // A repeat answers RepeatEmailAddress: retried only when provably not applied, so a call that
    // worked is never reported as failed.
    idempotent: false,
  }),
  ListEmailAddress: defineOperation({
    action: 'ListEmailAddress',
    // The action takes no parameters (the official SDK types the request as `null`).
    input: () => z.strictObject({}),
    output: () => z.looseObject({ EmailSenders: z.array(buildEmailSender()).optional() }),
    idempotent: true,
    ratePerSecond: 35,
    list: { itemsKey: 'EmailSenders' },
  }),
  DeleteEmailAddress: defineOperation({
    action: 'DeleteEmailAddress',
    input: () => z.strictObject({ EmailAddress: emailAddress() }),
    output: () => z.looseObject({}),
    // A repeat answers InvalidParameterValue.NoSuchSender: retried only when provably not applied.
    idempotent: false,
  }),
  UpdateEmailSmtpPassWord: defineOperation({
    action: 'UpdateEmailSmtpPassWord',
    input: () =>
      z.strictObject({
        Password: z.string().min(1, 'must not be empty').max(64, 'at most 64 characters'),
        EmailAddress: emailAddress().refine((v) => v.length <= 128, 'at most 128 characters'),
      }),
    output: () => z.looseObject({}),
    // Setting the same password again answers RepeatPassWord: retried only when provably not applied.
    idempotent: false,
  }),
};
