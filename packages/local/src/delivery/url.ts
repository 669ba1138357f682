import { MessageCompositionError } from './composition-error.js';

/** Rejects anything but an absolute http(s) URL that is safe inside `<…>` and an HTML attribute. */
export function assertHttpUrl(field: string, url: string): void {
  if (/[\s<>"]/.test(url))
    throw new MessageCompositionError(field, 'must not contain spaces, CR/LF, "<", ">" or \'"\'');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MessageCompositionError(field, 'must be an absolute URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new MessageCompositionError(field, 'must be an http or https URL');
  }
}
