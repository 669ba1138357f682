import { ValidationError } from '../../core/errors.js';

/**
 * Language of the unsubscribe link the service appends. The wire codes follow the China site
 * (`1` Simplified Chinese, `2` English); the international site documents `1` and `2` swapped, so a
 * client of `ses.intl.tencentcloudapi.com` that needs an exact language should check the result.
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

/** `'zh-CN'` → `'1'`. @throws {ValidationError} for a name that is not a supported language */
export function unsubscribeCode(language: UnsubscribeLanguage | 'none', field: string): UnsubscribeCode {
  const code = LANGUAGES.indexOf(language);
  if (code < 0) throw new ValidationError(field, `must be one of ${LANGUAGES.join(', ')}`);
  return String(code) as UnsubscribeCode;
}

/** `'1'` → `'zh-CN'`; codes this SDK does not know give `'unknown'`. */
export function unsubscribeLanguage(code: string | undefined): UnsubscribeLanguage | 'none' | 'unknown' {
  return LANGUAGES[Number(code)] ?? 'unknown';
}
