import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';
import { UsageError } from '../errors.js';

/** Longest line accepted in an import file: a recipient row is an address and ≤ 800 bytes of data. */
export const MAX_LINE_BYTES = 1024 * 1024;

const LF = 0x0a;

/**
 * A pass-through stream that checks an import file on the way: every byte sequence must be valid
 * UTF-8 and no line may exceed `maxLineBytes` (a 10 MB line, or a binary file, is refused after
 * that many bytes instead of being buffered whole). Errors name the file and the line.
 */
export function utf8LineGuard(file: string, maxLineBytes = MAX_LINE_BYTES): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let lineBytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const firstLine = line;
      let start = 0;
      for (let lf = chunk.indexOf(LF); lf !== -1; lf = chunk.indexOf(LF, lf + 1)) {
        if (lineBytes + (lf - start) > maxLineBytes) return done(tooLong(file, line, maxLineBytes));
        line += 1;
        lineBytes = 0;
        start = lf + 1;
      }
      lineBytes += chunk.length - start;
      if (lineBytes > maxLineBytes) return done(tooLong(file, line, maxLineBytes));
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return done(invalidUtf8(file, firstLine + badPiece(chunk)));
      }
      done(null, chunk);
    },
    flush(done) {
      try {
        decoder.decode();
        done();
      } catch {
        // The file ends inside a multi-byte sequence.
        done(invalidUtf8(file, line));
      }
    },
  });
}

/**
 * Index of the first line of `chunk` holding invalid UTF-8. LF never occurs inside a multi-byte
 * sequence, so lines can be checked one by one; the first and last may be cut mid-character by
 * the chunk boundary, so their cut ends are trimmed before the check.
 */
function badPiece(chunk: Buffer): number {
  let index = 0;
  let start = 0;
  for (;;) {
    const lf = chunk.indexOf(LF, start);
    const end = lf === -1 ? chunk.length : lf;
    let from = start;
    if (index === 0) while (from < end && from - start < 3 && ((chunk[from] ?? 0) & 0xc0) === 0x80) from += 1;
    let to = end;
    if (lf === -1) to = trimIncompleteTail(chunk, from, end);
    if (!isUtf8(chunk.subarray(from, to))) return index;
    if (lf === -1) return index;
    index += 1;
    start = lf + 1;
  }
}

function trimIncompleteTail(chunk: Buffer, from: number, end: number): number {
  for (let i = end - 1; i >= Math.max(from, end - 3); i--) {
    const byte = chunk[i] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return end - i < need ? i : end;
  }
  return end;
}

function tooLong(file: string, line: number, max: number): UsageError {
  return new UsageError(
    `${file}: line ${line}: longer than ${Math.round(max / 1024)} KB; is this a CSV or JSONL file?`,
  );
}

function invalidUtf8(file: string, line: number): UsageError {
  return new UsageError(`${file}: line ${line}: not valid UTF-8 (save the file as UTF-8)`);
}
