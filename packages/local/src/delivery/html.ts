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

/** Inserts `fragment` before the last `</body>`, or appends it when the HTML has no body tag. */
export function insertBeforeBodyEnd(html: string, fragment: string): string {
  const lower = html.toLowerCase();
  let at = lower.lastIndexOf('</body>');
  // A `</body>` inside a comment (a commented-out footer) is not the end of the body.
  while (at !== -1 && lower.lastIndexOf('<!--', at) > lower.lastIndexOf('-->', at)) {
    at = lower.lastIndexOf('</body>', at - 1);
  }
  return at === -1 ? html + fragment : html.slice(0, at) + fragment + html.slice(at);
}
