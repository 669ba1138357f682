import { Buffer } from 'node:buffer';
import * as z from 'zod';

// Field schemas shared by several actions. Messages name the rule they enforce, so a
// `ValidationError` reads like "Destination: at most 50 recipients".

/** Unsigned integer, the API's `u64`. */
export const uint = () => z.number().int('must be an integer').min(0, 'must not be negative');

/** A page size where the API documents a cap of 100 (`FailedOperation.InvalidLimit` beyond). */
export const pageLimit = () => uint().max(100, 'at most 100');

/** A page offset (0 = skip none). */
export const pageOffset = () => uint();

const CR_LF = /[\r\n]/;
const NO_CR_LF = 'must not contain CR or LF (header injection)';

/** True when `value` has no carriage return or line feed, the prerequisite of any header value. */
export function isHeaderSafe(value: string): boolean {
  return !CR_LF.test(value);
}

/** A string that ends up in a mail header: CR/LF are rejected to prevent header injection. */
export const headerText = () => z.string().refine(isHeaderSafe, NO_CR_LF);

/** UTF-8 length of a string in bytes, the unit of the API's byte limits. */
export function utf8ByteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** Length in Unicode code points, the unit of the API's character limits. */
export function charLength(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
// A practical RFC 5321 check, not the full grammar: local@domain, a dot in the domain, no empty
// labels, and none of the characters that would break a header or an address list.
const EMAIL_PATTERN =
  /^[^\s\p{Cc}@<>()[\],;:"\\]+@(?:[^\s\p{Cc}@<>()[\],;:"\\.]+\.)+[^\s\p{Cc}@<>()[\],;:"\\.]+$/u;

/** True for a practical email address: `local@domain.tld`, ≤ 254 characters, no spaces or CR/LF. */
export function isEmailAddress(value: string): boolean {
  if (value.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(value)) return false;
  return value.indexOf('@') <= MAX_LOCAL_PART_LENGTH;
}

/** An email address (see {@link isEmailAddress}). */
export const emailAddress = () => z.string().refine(isEmailAddress, 'must be a valid email address');

/** A sender as SES accepts it: `addr` or `Alias <addr>`. */
export interface Mailbox {
  readonly address: string;
  readonly alias?: string;
}

const ALIAS_FORM = /^(.*) <([^<>]*)>$/s;

/**
 * Parses `FromEmailAddress`: `addr`, or `Alias <addr>` with exactly one space before `<` and no
 * `:` in the alias. Returns the rule broken when the value is not acceptable.
 */
export function parseMailbox(value: string): Mailbox | { readonly error: string } {
  if (!isHeaderSafe(value)) return { error: NO_CR_LF };
  if (!value.includes('<')) {
    return isEmailAddress(value) ? { address: value } : { error: 'must be a valid email address' };
  }
  const match = ALIAS_FORM.exec(value);
  const alias = match?.[1];
  const address = match?.[2];
  if (alias === undefined || address === undefined || alias.trim() === '' || /\s$/.test(alias)) {
    return { error: 'must be "address" or "Alias <address>" with exactly one space before "<"' };
  }
  if (alias.includes(':')) return { error: 'sender alias must not contain ":"' };
  if (/[<>]/.test(alias)) return { error: 'sender alias must not contain "<" or ">"' };
  if (!isEmailAddress(address)) return { error: 'must contain a valid email address between "<" and ">"' };
  return { alias, address };
}

/** `FromEmailAddress`: `addr` or `Alias <addr>` (see {@link parseMailbox}). */
export const mailbox = () =>
  z.string().superRefine((value, ctx) => {
    const parsed = parseMailbox(value);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDateString(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True for a real date and time written `YYYY-MM-DD HH:mm:ss`. */
export function isDateTimeString(value: string): boolean {
  const m = DATE_TIME_PATTERN.exec(value);
  if (m === null || !isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  return Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60;
}

/** A date `YYYY-MM-DD`. */
export const dateString = () => z.string().refine(isDateString, 'must be YYYY-MM-DD');

/** A date and time `YYYY-MM-DD HH:mm:ss` (the service's local time). */
export const dateTimeString = () => z.string().refine(isDateTimeString, 'must be YYYY-MM-DD HH:mm:ss');

/** A date `YYYY-MM-DD` or a date and time `YYYY-MM-DD HH:mm:ss`. */
export const dateOrDateTimeString = () =>
  z
    .string()
    .refine((v) => isDateString(v) || isDateTimeString(v), 'must be YYYY-MM-DD or YYYY-MM-DD HH:mm:ss');

/** True when `value` is the JSON serialisation of an object (not an array, not null). */
export function isJsonObjectString(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/** `TemplateData` cap: a recipient's in list uploads, and a send's `Template`. @unit bytes (UTF-8) */
export const MAX_RECIPIENT_TEMPLATE_DATA_BYTES = 800;

/** Per-recipient `TemplateData`: a JSON object string of at most 800 UTF-8 bytes. */
export const recipientTemplateData = () =>
  z
    .string()
    .refine(
      (v) => utf8ByteLength(v) <= MAX_RECIPIENT_TEMPLATE_DATA_BYTES,
      `at most ${MAX_RECIPIENT_TEMPLATE_DATA_BYTES} bytes (UTF-8)`,
    )
    .refine(isJsonObjectString, 'must be a JSON object string, e.g. {"name":"Ana"}');

/** A new `TagList` item schema for input (operation schemas are built on first use). */
export const tagItem = () => z.strictObject({ TagKey: z.string(), TagValue: z.string() });
/** `TagList` item on input. */
export const TagListSchema = /* @__PURE__ */ z.lazy(tagItem);
/** A `TagList` item as sent. */
export type WireTagList = z.output<typeof TagListSchema>;

/** A new `TagList` item schema for output (loose). */
export const tagItemOutput = () =>
  z.looseObject({
    TagKey: z.string().optional(),
    TagValue: z.string().optional(),
  });
/** `TagList` item on output (loose). */
export const TagListOutputSchema = /* @__PURE__ */ z.lazy(tagItemOutput);

/** The string codes `"0"` … `"max"`, as the unsubscribe-language fields take them. */
export function numberCodes(max: number): readonly string[] {
  return Array.from({ length: max + 1 }, (_, code) => String(code));
}
