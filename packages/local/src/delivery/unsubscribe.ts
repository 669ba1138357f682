import { escapeHtml } from '@ses-cli/sdk';
import { MessageCompositionError } from './composition-error.js';
import { insertBeforeBodyEnd } from './html.js';
import { assertHttpUrl } from './url.js';

/** Link text per `Unsubscribe` code (CN numbering, reference §4; `0` means no link and is not here). */
const UNSUBSCRIBE_TEXTS: Readonly<Record<string, { lang: string; text: string; rtl?: true }>> = {
  '1': { lang: 'zh-CN', text: '退订' },
  '2': { lang: 'en', text: 'Unsubscribe' },
  '3': { lang: 'zh-TW', text: '取消訂閱' },
  '4': { lang: 'es', text: 'Cancelar suscripción' },
  '5': { lang: 'fr', text: 'Se désabonner' },
  '6': { lang: 'de', text: 'Abmelden' },
  '7': { lang: 'ja', text: '配信停止' },
  '8': { lang: 'ko', text: '수신 거부' },
  '9': { lang: 'ar', text: 'إلغاء الاشتراك', rtl: true },
  '10': { lang: 'th', text: 'ยกเลิกการรับอีเมล' },
  '11': { lang: 'id', text: 'Berhenti berlangganan' },
  '12': { lang: 'vi', text: 'Hủy đăng ký' },
};

/** The localised link text for an `Unsubscribe` code, or undefined for an unknown code. */
export function unsubscribeText(language: string): string | undefined {
  return UNSUBSCRIBE_TEXTS[language]?.text;
}

/** The footer to append, in HTML and plain text, plus the RFC 2369 / RFC 8058 headers. */
export interface UnsubscribeParts {
  html: (html: string) => string;
  text: (text: string) => string;
  headers: Record<string, string>;
}

/** Validates the unsubscribe input and prepares the footer and headers for it. */
export function unsubscribeParts(url: string, language: string): UnsubscribeParts {
  const entry = UNSUBSCRIBE_TEXTS[language];
  if (!entry)
    throw new MessageCompositionError('unsubscribe.language', 'must be an Unsubscribe code "1" to "12"');
  assertHttpUrl('unsubscribe.url', url);
  const dir = entry.rtl ? ' dir="rtl"' : '';
  const footer =
    `<p lang="${entry.lang}"${dir} style="font-size:12px;color:#888888">` +
    `<a href="${escapeHtml(url)}">${escapeHtml(entry.text)}</a></p>`;
  return {
    html: (html) => insertBeforeBodyEnd(html, footer),
    text: (text) => {
      const body = text.replace(/\s+$/, '');
      return `${body}${body ? '\n\n' : ''}${entry.text}: ${url}\n`;
    },
    headers: {
      'List-Unsubscribe': `<${url}>`,
      // One-click (RFC 8058): mailbox providers POST to the URL instead of opening it in a browser.
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
