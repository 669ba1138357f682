import type { Buffer } from 'node:buffer';
import type { TemplateData } from '../helpers/template.js';
import type { DateInput } from './shared/dates.js';
import type { UnsubscribeLanguage } from './shared/unsubscribe.js';

/** A template reference and its values. */
export interface TemplateRef {
  readonly id: number;
  /**
   * Values for the template's `{{variables}}` (and the subject's), serialised to `TemplateData`
   * (≤ 800 bytes as JSON). For a batch to a group uploaded with per-recipient data, omit it.
   */
  readonly data?: TemplateData | undefined;
}

/** One attachment; `content` is the file's bytes, or its text (encoded as UTF-8). */
export interface AttachmentInput {
  /** ≤ 255 characters; some types are refused by the service. */
  readonly filename: string;
  readonly content: Buffer | Uint8Array | string;
}

/** Parameters of `emails.send` (`SendEmail`). */
export interface SendEmailParams {
  /** `noreply@mail.example.com` or `Example <noreply@mail.example.com>`; must be a created sender. */
  readonly from: string;
  /** ≤ 50 addresses; all To recipients see each other. */
  readonly to?: string | readonly string[] | undefined;
  /** ≤ 20 addresses. */
  readonly cc?: string | readonly string[] | undefined;
  /** ≤ 20 addresses, none also in `to`. */
  readonly bcc?: string | readonly string[] | undefined;
  /** One address. */
  readonly replyTo?: string | undefined;
  /** 1–100 characters; may use template variables. */
  readonly subject: string;
  readonly template: TemplateRef;
  /** ≤ 10 files, ≤ 4 MB in total. */
  readonly attachments?: readonly AttachmentInput[] | undefined;
  /** Append an unsubscribe link in this language. @default no link */
  readonly unsubscribe?: UnsubscribeLanguage | undefined;
  /**
   * A triggered (transactional) mail such as a sign-in code: sent on the fast channel. Large mail
   * silently falls back to the normal one. @default false
   */
  readonly trigger?: boolean | undefined;
  /** Extra SMTP headers, sent as a JSON object in `SmtpHeaders`. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Value of the `Message-Id` header (`SmtpMessageId`). */
  readonly smtpMessageId?: string | undefined;
  /** Value of the `From:` header, when it must differ from `from` (same domain). */
  readonly headerFrom?: string | undefined;
}

/** Result of `emails.send`. */
export interface SendEmailResult {
  /** Use it with `sendStatus.list({ date, messageId })`. */
  readonly messageId: string;
  readonly requestId: string;
}

/** When a batch runs: once at `at`, or every `every` hours from `at`. */
export type BatchSchedule =
  | { readonly at: DateInput; readonly every?: undefined; readonly stop?: undefined }
  | {
      /** Interval between runs. @unit hours */
      readonly every: number;
      /** First run. @default one minute from now */
      readonly at?: DateInput | undefined;
      /**
       * `TermCycle` 1: this recurring task ends after its first run. The API names no task, so it
       * cannot stop a recurrence created earlier. @default false
       */
      readonly stop?: boolean | undefined;
    };

/** Where the ad label goes in the subject of a marketing batch. */
export type AdLocation = 'none' | 'prefix' | 'suffix';

/** Parameters of `emails.batchSend` (`BatchSendEmail`). */
export interface BatchSendParams {
  readonly from: string;
  /** A recipient group whose upload is complete. */
  readonly groupId: number;
  readonly subject: string;
  readonly template: TemplateRef;
  readonly replyTo?: string | undefined;
  /**
   * Omit to send now. `{ at }` schedules one run; `{ every, at?, stop? }` repeats. Times are a
   * `Date` or `YYYY-MM-DD HH:mm:ss` in the service's time zone (UTC+8).
   */
  readonly schedule?: BatchSchedule | undefined;
  /** @default 'none' */
  readonly adLocation?: AdLocation | undefined;
  readonly unsubscribe?: UnsubscribeLanguage | undefined;
}

/** Result of `emails.batchSend`. */
export interface BatchSendResult {
  /** Track it with `sendTasks.get(taskId)` / `sendTasks.list()`. */
  readonly taskId: number;
  readonly requestId: string;
}
