// RFC 2047 encoded words (`=?UTF-8?Q?Caf=C3=A9?=`) in header values, decoded for display only:
// the raw source keeps them as sent.

const WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
// Whitespace between two encoded words is folding, not text (RFC 2047 §6.2).
const BETWEEN_WORDS = /(\?=)\s+(?==\?[^?\s]+\?[BbQq]\?)/g;
const RUN_OF_WORDS = /(?:=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)+/g;

/** `value` with its encoded words decoded; a run in an unknown charset or badly encoded stays as is. */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  return value.replace(BETWEEN_WORDS, '$1').replace(RUN_OF_WORDS, decodeRun);
}

/**
 * Adjacent words are decoded together, per charset: a sender may split one character's bytes
 * across two words.
 */
function decodeRun(run: string): string {
  const pieces: { charset: string; bytes: number[] }[] = [];
  for (const [, charset, encoding, text] of run.matchAll(WORD)) {
    // `charset*language` (RFC 2231) names a language after the star: not part of the charset.
    const name = charset!.split('*')[0]!.toLowerCase();
    const bytes = encoding!.toUpperCase() === 'B' ? [...Buffer.from(text!, 'base64')] : quotedBytes(text!);
    const last = pieces[pieces.length - 1];
    if (last?.charset === name) last.bytes.push(...bytes);
    else pieces.push({ charset: name, bytes });
  }
  try {
    return pieces
      .map((piece) => new TextDecoder(piece.charset).decode(Uint8Array.from(piece.bytes)))
      .join('');
  } catch {
    return run;
  }
}

/** The "Q" encoding: `_` is a space, `=XX` a byte. */
function quotedBytes(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const hex = char === '=' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(char === '_' ? 0x20 : char.charCodeAt(0) & 0xff);
    }
  }
  return bytes;
}
