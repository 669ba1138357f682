import { Link } from '../router.js';

/** What an unknown dashboard address, or an email that does not exist, shows. */
export function NotFoundPage(props: { title: string; detail: string }) {
  return (
    <section data-testid="not-found">
      <h1>{props.title}</h1>
      <p class="muted">{props.detail}</p>
      <p>
        <Link href="/ui">← Outbox</Link>
      </p>
    </section>
  );
}
