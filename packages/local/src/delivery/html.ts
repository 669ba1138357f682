const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the entities that appear in URLs inside attributes (`&amp;`, numeric references, …). */
export function decodeHtmlAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X'
          ? Number.parseInt(ref.slice(2), 16)
          : Number.parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Inserts `fragment` before the last `</body>`, or appends it when the HTML has no body tag. */
export function insertBeforeBodyEnd(html: string, fragment: string): string {
  const at = lastBodyEnd(html);
  return at === -1 ? html + fragment : html.slice(0, at) + fragment + html.slice(at);
}

/**
 * Where the last `</body>` (in any case) outside a comment starts, or -1. Searched backwards from
 * the end, where it usually is, in the text itself: a lower-cased copy would cost a copy of the
 * whole HTML per call, and its positions can differ from the text's (`İ` lower-cases to two
 * characters).
 */
function lastBodyEnd(html: string): number {
  // Most HTML has no comment: then no backward search for one (a scan of the whole HTML each).
  const commented = html.includes('<!--');
  for (let at = html.lastIndexOf('</'); at !== -1; at = at === 0 ? -1 : html.lastIndexOf('</', at - 1)) {
    // A `</body>` inside a comment (a commented-out footer) is not the end of the body.
    if (isBodyEndAt(html, at) && (!commented || html.lastIndexOf('<!--', at) <= html.lastIndexOf('-->', at)))
      return at;
  }
  return -1;
}

/** Whether `body>` in any case follows the `</` at `at` (`c | 32` folds exactly one other code: the capital). */
function isBodyEndAt(html: string, at: number): boolean {
  return (
    (html.charCodeAt(at + 2) | 32) === 0x62 &&
    (html.charCodeAt(at + 3) | 32) === 0x6f &&
    (html.charCodeAt(at + 4) | 32) === 0x64 &&
    (html.charCodeAt(at + 5) | 32) === 0x79 &&
    html.charCodeAt(at + 6) === 0x3e
  );
}
