import { describe, expect, test } from 'vitest';
import { trackHtml } from './tracking.js';

describe('trackHtml', () => {
  test('each link is the URL as written, every code unit kept (lone surrogates included)', () => {
    const urls = ['https://example.org/ünïcödé?q=日本', 'https://example.org/\ud800x', 'http://a.example/'];
    const html = `<body>${urls.map((url, i) => `<a href="${url}">${i}</a>`).join('')}</body>`;
    const { links } = trackHtml(html, 'http://127.0.0.1:4599', 'tok');
    expect(links).toEqual(urls);
    // A decoded entity, too.
    expect(trackHtml('<a href="https://x.example/&#xD800;&amp;">x</a>', 'http://h', 't').links).toEqual([
      'https://x.example/\ud800&',
    ]);
  });
});
