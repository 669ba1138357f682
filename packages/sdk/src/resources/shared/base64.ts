import { Buffer } from 'node:buffer';

/** UTF-8 text → base64, the encoding of template bodies on the wire. */
export function encodeText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : Buffer.from(text, 'utf8').toString('base64');
}

/** base64 → UTF-8 text. */
export function decodeText(base64: string | undefined): string | undefined {
  return base64 === undefined ? undefined : Buffer.from(base64, 'base64').toString('utf8');
}
