import type { ParsedMail } from 'mailparser';

/** One header field of a captured message. */
export interface HeaderField {
  /** Lower-case, as mailparser keys it. */
  readonly name: string;
  /** The value as sent (folding and encoded words kept). */
  readonly value: string;
}

/**
 * A message's header fields in order, from mailparser's `headerLines`. Its `headers` map is no use
 * for display: it decodes addresses and content types into objects and dates into `Date`s.
 */
export function headerFields(parsed: ParsedMail): HeaderField[] {
  return parsed.headerLines.map((line) => ({
    name: line.key,
    value: line.line.slice(line.line.indexOf(':') + 1).trim(),
  }));
}

/**
 * The header fields by name, for the inspection API. A field sent more than once (`Received`, a
 * second `DKIM-Signature`) has its values joined with `, `, as Node joins repeated HTTP headers.
 */
export function headerRecord(parsed: ParsedMail): Record<string, string> {
  // No prototype: a header named `__proto__` or `constructor` is just a key.
  const record = Object.create(null) as Record<string, string>;
  for (const { name, value } of headerFields(parsed)) {
    record[name] = name in record ? `${record[name]}, ${value}` : value;
  }
  return record;
}
