import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { UsageError } from '../errors.js';
import { printable } from './header-safe.js';
import { utf8LineGuard } from './utf8-guard.js';

/** One recipient row: its line in the file, the address and the template variables. */
export interface RecipientRow {
  /** The file line the row starts on (a quoted field may continue it on the lines after). */
  readonly line: number;
  /** The file line the row ends on: {@link line} unless a quoted field spans lines. */
  readonly lastLine: number;
  readonly email: string;
  readonly data: Readonly<Record<string, string>>;
}

/** A row that cannot be uploaded, and why. */
export interface RowProblem {
  readonly line: number;
  readonly problem: string;
}

/** The format of a recipients file, from `--format` or the extension. */
export function recipientFormat(file: string, flag: unknown): 'csv' | 'jsonl' {
  if (flag === 'csv' || flag === 'jsonl') return flag;
  if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
  if (/\.(csv|txt)$/i.test(file)) return 'csv';
  throw new UsageError(`${file}: cannot tell the format from the extension; pass --format csv|jsonl`);
}

/** Fails early with a usage error when the file cannot be opened. */
export async function assertReadable(file: string): Promise<void> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new UsageError(`${file}: not a file`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file}: no such file`);
  }
}

/**
 * Streams the rows of a CSV (header row with an `email` column) or JSONL file (one object with an
 * `email` field per line). Other columns/fields become template variables. Constant memory.
 * Rows that are not even parseable are yielded as problems.
 */
export async function* readRecipients(
  file: string,
  format: 'csv' | 'jsonl',
): AsyncGenerator<RecipientRow | RowProblem> {
  if (format === 'jsonl') yield* readJsonl(file);
  else yield* readCsv(file);
}

/** The file's bytes, checked for UTF-8 and line length on the way (errors end the iteration). */
function guardedStream<T extends NodeJS.WritableStream & Readable>(file: string, sink: T): T {
  // Errors of any stage destroy the last one, so the consumer's `for await` rejects with them.
  pipeline(createReadStream(file), utf8LineGuard(file), sink, () => {});
  return sink;
}

async function* readCsv(file: string): AsyncGenerator<RecipientRow | RowProblem> {
  const { parse } = await import('csv-parse');
  // csv-parse reports the line a record ENDS on, and counts a CRLF inside a quoted field as two
  // lines; rows are numbered by the line they start on, as `tail -n +N` counts lines (the line to
  // resume an import from must not point inside a row).
  let overcount = 0;
  const parser = guardedStream(
    file,
    parse({
      bom: true,
      columns: (header: string[]) => {
        overcount += header.reduce((sum, name) => sum + lineBreaks(String(name)).overcount, 0);
        return checkedHeader(header, file);
      },
      // Every common line ending ends a record, whatever the first line used: detected from the
      // header alone, an LF header left each CRLF row's CR in its last field, counted as a line.
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    }),
  );
  let emailKey: string | undefined;
  try {
    for await (const entry of parser as AsyncIterable<{
      info: { lines: number };
      record: Record<string, string>;
    }>) {
      emailKey ??= Object.keys(entry.record).find((k) => k.toLowerCase() === 'email');
      if (!emailKey) throw new UsageError(`${file}: the header has no "email" column`);
      let breaks = 0;
      for (const value of Object.values(entry.record)) {
        const counted = lineBreaks(String(value));
        breaks += counted.breaks;
        overcount += counted.overcount;
      }
      const { [emailKey]: email = '', ...data } = entry.record;
      const lastLine = entry.info.lines - overcount;
      yield { line: lastLine - breaks, lastLine, email, data };
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const e = error as { message?: string; lines?: number };
    const message = printable(e.message ?? 'malformed CSV').replace(/ (at|on) line \d+$/, '');
    throw new UsageError(`${file}: line ${e.lines === undefined ? '?' : e.lines - overcount}: ${message}`);
  }
}

/**
 * The line breaks inside a (quoted) field value, counted as `tail -n` and `sed` do (LFs: a CRLF
 * is one), and how many more csv-parse counted for them (it counts every CR as a line too).
 */
function lineBreaks(value: string): { breaks: number; overcount: number } {
  let breaks = 0;
  let overcount = 0;
  if (!value.includes('\n') && !value.includes('\r')) return { breaks, overcount };
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c === 10) breaks += 1;
    else if (c === 13) overcount += 1;
  }
  return { breaks, overcount };
}

/**
 * The CSV header's column names, each one a template variable (or the address): an empty name or
 * one given twice would upload a variable named "" or silently keep only the last column, so both
 * are refused. Names are compared exactly, as template variables are (`name` and `Name` are two
 * variables), except the address column, found in any case: `email` and `Email` together are
 * ambiguous.
 * @throws {UsageError} naming the columns and line 1
 */
export function checkedHeader(header: readonly string[], file: string): string[] {
  const names = header.map((name) => String(name).trim());
  const empty = names.flatMap((name, index) => (name === '' ? [index + 1] : []));
  if (empty.length > 0) {
    throw new UsageError(
      `${file}: line 1: column ${empty.join(', ')} of the header has no name; every column needs one`,
    );
  }
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) repeated.add(`"${printable(name)}"`);
    seen.add(name);
  }
  if (repeated.size > 0) {
    throw new UsageError(
      `${file}: line 1: the header names ${[...repeated].join(', ')} more than once; each column needs its own name`,
    );
  }
  const emails = names.filter((name) => name.toLowerCase() === 'email');
  if (emails.length > 1) {
    throw new UsageError(
      `${file}: line 1: the header has ${emails.map((name) => `"${printable(name)}"`).join(', ')}: more than one address column (the email column is found ignoring case); keep one`,
    );
  }
  return names;
}

/** The lines of a guarded stream (LF or CRLF), the BOM dropped. Line length is bounded by the guard. */
async function* linesOf(file: string): AsyncGenerator<string> {
  const { PassThrough } = await import('node:stream');
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let first = true;
  for await (const chunk of guardedStream(file, new PassThrough())) {
    pending += decoder.write(chunk as Buffer);
    if (first && pending.length > 0) {
      if (pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
      first = false;
    }
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) yield part.endsWith('\r') ? part.slice(0, -1) : part;
  }
  pending += decoder.end();
  if (pending !== '') yield pending;
}

async function* readJsonl(file: string): AsyncGenerator<RecipientRow | RowProblem> {
  let line = 0;
  for await (const text of linesOf(file)) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { line, problem: 'not valid JSON' };
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      yield { line, problem: 'not a JSON object' };
      continue;
    }
    const { email, ...rest } = value as Record<string, unknown>;
    const data: Record<string, string> = {};
    let bad: string | undefined;
    for (const [key, v] of Object.entries(rest)) {
      if (key.trim() === '') bad ??= 'a field with an empty name';
      else if (typeof v === 'string' || typeof v === 'number') data[key] = String(v);
      else bad ??= `"${key}" must be a string or a number`;
    }
    if (bad) yield { line, problem: bad };
    else yield { line, lastLine: line, email: typeof email === 'string' ? email.trim() : '', data };
  }
}
