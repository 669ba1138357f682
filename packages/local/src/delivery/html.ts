/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

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

const BODY_END = /<\/body>/gi;

/** Inserts `fragment` before the last `</body>`, or appends it when the HTML has no body tag. */
export function insertBeforeBodyEnd(html: string, fragment: string): string {
  const at = lastBodyEnd(html);
  return at === -1 ? html + fragment : html.slice(0, at) + fragment + html.slice(at);
}

/**
 * Where the last `</body>` (in any case) outside a comment starts, or -1. Found in the text itself,
 * not in a lower-cased copy: that copy cost a copy of the whole HTML per call, and its positions
 * can differ from the text's (`İ` lower-cases to two characters).
 */
function lastBodyEnd(html: string): number {
  const ends = Array.from(html.matchAll(BODY_END), (match) => match.index);
  for (let i = ends.length - 1; i >= 0; i--) {
    const at = ends[i] as number;
    // A `</body>` inside a comment (a commented-out footer) is not the end of the body.
    if (html.lastIndexOf('<!--', at) <= html.lastIndexOf('-->', at)) return at;
  }
  return -1;
}
