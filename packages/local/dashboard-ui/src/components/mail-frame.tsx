import { useEffect, useRef } from 'preact/hooks';
import { prepareMailHtml } from './mail-document.js';
import { MAIL_SANDBOX } from './mail-sandbox.js';

/**
 * The email's HTML in a sandboxed iframe. The iframe is created with its `sandbox` attribute before
 * `srcdoc` is set and before it joins the page, so the document is never loaded unsandboxed. It also
 * inherits the page's CSP, so nothing is fetched from the network.
 */
export function MailFrame(props: { html: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', MAIL_SANDBOX);
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.className = 'mail-frame';
    frame.title = 'HTML part of the email';
    frame.srcdoc = prepareMailHtml(props.html);
    host.current?.replaceChildren(frame);
    return () => frame.remove();
  }, [props.html]);
  return <div ref={host} data-testid="mail-frame-host" />;
}
