import { useEffect, useRef } from 'preact/hooks';

/**
 * The email's HTML in an iframe sandboxed with no permissions at all: no scripts, no same-origin
 * access, no forms, no popups, no top navigation. The iframe is created with its `sandbox` attribute
 * before `srcdoc` is set and before it joins the page, so the document is never loaded unsandboxed.
 * It also inherits the page's CSP, so nothing is fetched from the network.
 */
export function MailFrame(props: { html: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', '');
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.className = 'mail-frame';
    frame.title = 'HTML part of the email';
    frame.srcdoc = props.html;
    host.current?.replaceChildren(frame);
    return () => frame.remove();
  }, [props.html]);
  return <div ref={host} data-testid="mail-frame-host" />;
}
