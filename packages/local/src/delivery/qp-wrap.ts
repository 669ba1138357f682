// Soft line breaks for quoted-printable text, placed exactly where nodemailer's `qp.wrap` places
// them (the batch composer must write the same bytes as nodemailer's composer), but found with
// index arithmetic instead of a substring, a regular expression and a match array per line: the
// composer wraps every email's HTML, and those allocations were a tenth of a batch's garbage.

const LF = 10;
const MIN_LINE_LENGTH = 4;
const CR = 13;

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** A character `.` does not match in a regular expression: where a line "ends" for `/.*?$/`. */
function isLineTerminator(code: number): boolean {
  return code === LF || code === CR || code === 0x2028 || code === 0x2029;
}

/** Where a line may be broken after: white space and punctuation. */
function isBreakAfter(code: number): boolean {
  return code === 32 || code === 9 || code === 46 || code === 44 || code === 33 || code === 63;
}

/** `str[start, end)` ends with `=XX` (two hex digits). */
function endsWithEscape(str: string, start: number, end: number): boolean {
  return (
    end - start >= 3 &&
    str.charCodeAt(end - 3) === 61 &&
    isHexDigit(str.charCodeAt(end - 2)) &&
    isHexDigit(str.charCodeAt(end - 1))
  );
}

/** Length of the `=` or `=X` that ends `str[start, end)` (an escape cut short), else 0. */
function cutEscapeLength(str: string, start: number, end: number): number {
  if (end - start >= 1 && str.charCodeAt(end - 1) === 61) return 1;
  if (end - start >= 2 && str.charCodeAt(end - 2) === 61 && isHexDigit(str.charCodeAt(end - 1))) return 2;
  return 0;
}

/** `str[start, end)` is nothing but one to four `=XX` escapes (one UTF-8 character at most). */
function isEscapesOnly(str: string, start: number, end: number): boolean {
  const length = end - start;
  if (length !== 3 && length !== 6 && length !== 9 && length !== 12) return false;
  for (let at = start; at < end; at += 3) if (!endsWithEscape(str, at, at + 3)) return false;
  return true;
}

/** Inserts `=\r\n` soft breaks so that no line of quoted-printable `str` exceeds `lineLength`. */
export function qpWrap(str: string, maxLineLength = 76): string {
  // As nodemailer: no length means 76, and a line must hold an escape and the soft break's "=".
  const lineLength = Math.max(maxLineLength || 76, MIN_LINE_LENGTH);
  if (str.length <= lineLength) return str;
  const length = str.length;
  const margin = Math.floor(lineLength / 3);
  let result = '';
  let pos = 0;
  // The next CRLF at or after `pos`, looked up again only once passed: one scan of the input in all.
  let crlf = str.indexOf('\r\n');
  while (pos < length) {
    // The candidate line is str[pos, end).
    let end = Math.min(pos + lineLength, length);
    if (crlf !== -1 && crlf < pos) crlf = str.indexOf('\r\n', pos);
    if (crlf !== -1 && crlf + 2 <= end) {
      result += str.slice(pos, crlf + 2);
      pos = crlf + 2;
      continue;
    }
    if (str.charCodeAt(end - 1) === LF) {
      result += str.slice(pos, end);
      pos = end;
      continue;
    }
    // A bare LF near the end with nothing but ordinary characters after it: break after it.
    const tail = Math.max(pos, end - margin);
    let terminator = -1;
    for (let at = end - 1; at >= tail && terminator === -1; at--) {
      if (isLineTerminator(str.charCodeAt(at))) terminator = at;
    }
    if (terminator !== -1 && str.charCodeAt(terminator) === LF) {
      result += str.slice(pos, terminator + 1);
      pos = terminator + 1;
      continue;
    }
    let brokeAtWord = false;
    if (end - pos > lineLength - margin) {
      for (let at = end - 1; at >= tail && !brokeAtWord; at--) {
        if (isBreakAfter(str.charCodeAt(at))) {
          end = at + 1;
          brokeAtWord = true;
        }
      }
    }
    if (!brokeAtWord && (cutEscapeLength(str, pos, end) > 0 || endsWithEscape(str, pos, end))) {
      // An escape cut short moves to the next line, and so does a UTF-8 character cut between escapes.
      end -= cutEscapeLength(str, pos, end);
      while (
        end - pos > 3 &&
        end - pos < length - pos &&
        !isEscapesOnly(str, pos, end) &&
        endsWithEscape(str, pos, end)
      ) {
        const code = Number.parseInt(str.slice(end - 2, end), 16);
        if (code < 128) break;
        end -= 3;
        if (code >= 0xc0) break;
      }
    }
    // Only an incomplete escape at the very end of the input can empty the line: take it as is.
    if (end === pos) end = Math.min(pos + lineLength, length);
    if (end < length && str.charCodeAt(end - 1) !== LF) {
      // Room for the "=" of the soft break.
      if (end - pos === lineLength) end -= endsWithEscape(str, pos, end) ? 3 : 1;
      result += `${str.slice(pos, end)}=\r\n`;
    } else {
      result += str.slice(pos, end);
    }
    pos = end;
  }
  return result;
}
