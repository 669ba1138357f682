import { ValidationError } from '../../core/errors.js';
import type { Site } from '../../http/endpoint.js';

/**
 * Language of the unsubscribe link the service appends. The two sites number them alike except
 * `1` and `2`: Simplified Chinese and English on the China site, English and Simplified Chinese on
 * the international site (reference §4); the client maps by its `site`.
 */
export type UnsubscribeLanguage =
  | 'zh-CN'
  | 'en'
  | 'zh-TW'
  | 'es'
  | 'fr'
  | 'de'
  | 'ja'
  | 'ko'
  | 'ar'
  | 'th'
  | 'id'
  | 'vi';

/** Wire code (as a string, like the API) of each language; index = code. `none` = no link. */
const LANGUAGES: readonly (UnsubscribeLanguage | 'none')[] = [
  'none',
  'zh-CN',
  'en',
  'zh-TW',
  'es',
  'fr',
  'de',
  'ja',
  'ko',
  'ar',
  'th',
  'id',
  'vi',
];

/** The wire codes, strings like the API's. */
export type UnsubscribeCode = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '10' | '11' | '12';

/**
 * The international site's numbering: the China site's with `1` and `2` swapped, and no `12`
 * (Vietnamese): its documentation lists the codes up to `11` (reference §4).
 */
const INTERNATIONAL_LANGUAGES: readonly (UnsubscribeLanguage | 'none')[] = LANGUAGES.slice(0, 12).map(
  (language, code) => (code === 1 ? 'en' : code === 2 ? 'zh-CN' : language),
);

const languagesOf = (site: Site) => (site === 'international' ? INTERNATIONAL_LANGUAGES : LANGUAGES);

/** `'zh-CN'` → `'1'` (`'2'` on the international site). @throws {ValidationError} for an unknown name */
export function unsubscribeCode(
  language: UnsubscribeLanguage | 'none',
  field: string,
  site: Site,
): UnsubscribeCode {
  const languages = languagesOf(site);
  const code = languages.indexOf(language);
  if (code < 0) {
    const where = site === 'international' ? ' on the international site' : '';
    throw new ValidationError(field, `must be one of ${languages.join(', ')}${where}`);
  }
  return String(code) as UnsubscribeCode;
}

/** `'1'` → `'zh-CN'` (`'en'` on the international site); unknown codes give `'unknown'`. */
export function unsubscribeLanguage(
  code: string | undefined,
  site: Site,
): UnsubscribeLanguage | 'none' | 'unknown' {
  return languagesOf(site)[Number(code)] ?? 'unknown';
}
