import { useState } from 'preact/hooks';
import type { ClockView, MessageDetailView } from '../../../src/dashboard/types.js';
import { getJson } from '../api.js';
import { EventBadge, OutcomeBadge, OutcomeBadges } from '../components/badges.js';
import { MailFrame } from '../components/mail-frame.js';
import { Tabs } from '../components/tabs.js';
import { formatBytes, formatInstant } from '../format.js';
import { POLL_MS, useApi } from '../hooks.js';
import { Link } from '../router.js';
import { NotFoundPage } from './not-found.js';

type Tab = 'html' | 'text' | 'headers' | 'raw';

const TABS: { id: Tab; label: string }[] = [
  { id: 'html', label: 'HTML' },
  { id: 'text', label: 'Text' },
  { id: 'headers', label: 'Headers' },
  { id: 'raw', label: 'Raw source' },
];

/** What an address naming no captured email shows (an unknown or deleted id, or a malformed one). */
export const NO_SUCH_MESSAGE = (
  <NotFoundPage
    title="No such message"
    detail="No captured email has this id: it may have been deleted, or the backend was reset."
  />
);

/** One captured email: its parts, headers, raw source, attachments, recipients and delivery events. */
export function MessagePage(props: { id: string; clock: ClockView | undefined }) {
  const { data, error } = useApi(
    () => getJson<MessageDetailView>(`messages/${encodeURIComponent(props.id)}`),
    props.id,
    POLL_MS,
  );
  const [chosen, setChosen] = useState<Tab>();
  const timeZone = props.clock?.timeZone ?? 'Asia/Shanghai';

  if (error === 'no such message') return NO_SUCH_MESSAGE;
  if (error && !data) {
    return (
      <section>
        <p>
          <Link href="/ui">← Outbox</Link>
        </p>
        <div class="error">{error}</div>
      </section>
    );
  }
  if (!data) return <div class="empty">Loading…</div>;
  const tab: Tab = chosen ?? (data.html ? 'html' : 'text');

  return (
    <section>
      <p>
        <Link href="/ui">← Outbox</Link>
      </p>
      <h1 data-testid="message-subject">{data.subject || '(no subject)'}</h1>
      <div class="two-col">
        <div class="panel">
          <dl class="meta">
            <dt>From</dt>
            <dd>{data.from}</dd>
            <dt>To</dt>
            <dd data-testid="message-to">{data.headerTo ?? data.to}</dd>
            {data.headerCc && (
              <>
                <dt>Cc</dt>
                <dd data-testid="message-cc">{data.headerCc}</dd>
              </>
            )}
            <dt>Outcome</dt>
            <dd data-testid="message-outcome">
              <OutcomeBadges recipients={data.recipients} outcome={data.outcome} />
            </dd>
            <dt>Requested</dt>
            <dd>{data.createdAt}</dd>
            <dt>Message ID</dt>
            <dd>{data.id}</dd>
            <dt>Message-Id</dt>
            <dd>{data.smtpMessageId}</dd>
            {data.taskId !== undefined && (
              <>
                <dt>Task</dt>
                <dd>
                  <Link href={`/ui/tasks?id=${data.taskId}`}>{data.taskId}</Link>
                </dd>
              </>
            )}
          </dl>
          {data.recipients.length > 1 && (
            <>
              <h2>Recipients</h2>
              <ul class="recipients" data-testid="recipients">
                {data.recipients.map((recipient) => (
                  <li key={recipient.address} data-testid="recipient" data-address={recipient.address}>
                    <span class="wrap">{recipient.address}</span> <OutcomeBadge outcome={recipient.outcome} />
                    {recipient.reason && <div class="muted wrap">{recipient.reason}</div>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {data.recipients.length === 1 && data.recipients[0]?.reason && (
            <p class="muted wrap" data-testid="deliver-message">
              {data.recipients[0].reason}
            </p>
          )}
          {data.attachments.length > 0 && (
            <>
              <h2>Attachments</h2>
              <ul data-testid="attachments">
                {data.attachments.map((attachment) => (
                  <li key={attachment.index}>
                    <a href={attachment.url} download={attachment.filename}>
                      {attachment.filename}
                    </a>{' '}
                    <span class="muted">
                      {attachment.contentType}, {formatBytes(attachment.size)}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {data.captured && (
            <a class="button" href={data.rawUrl} download={`${data.id}.eml`}>
              Download .eml
            </a>
          )}
        </div>
        <div class="panel">
          <h2>Events</h2>
          {data.events.length === 0 ? (
            <p class="muted">No events yet.</p>
          ) : (
            <ul class="events" data-testid="events">
              {data.events.map((event, index) => {
                const detail = [event.bounceType, event.reason, event.link, event.userAgent]
                  .filter(Boolean)
                  .join(' · ');
                return (
                  <li key={`${event.type}-${index}`} data-testid="event" data-type={event.type}>
                    <time>{formatInstant(event.time, timeZone)}</time>
                    <EventBadge type={event.type} />
                    {/* Links and user agents are long: they wrap rather than being cut off. */}
                    <span class="muted wrap" data-testid="event-detail">
                      {detail}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </div>
      {!data.captured && (
        <div class="panel muted" data-testid="not-captured">
          Not handed to the transport yet, so there is nothing to show: the email appears here once it goes
          out (a deferred one is retried a minute later).
        </div>
      )}
      {data.captured && (
        <div class="panel">
          <Tabs id="message" label="Parts of the email" tabs={TABS} selected={tab} onSelect={setChosen}>
            {tab === 'html' &&
              (data.html ? (
                <>
                  <MailFrame html={data.html} />
                  <p class="muted">
                    Shown sandboxed: scripts never run and remote images are not loaded. Opening it here does
                    not count as an open; a link opens in a new tab through the click tracking, like a real
                    click.
                  </p>
                </>
              ) : (
                <p class="muted">This email has no HTML part.</p>
              ))}
            {tab === 'text' &&
              (data.text ? (
                <pre data-testid="message-text">{data.text}</pre>
              ) : (
                <p class="muted">No text part.</p>
              ))}
            {tab === 'headers' && (
              <div class="table-scroll">
                <table data-testid="message-headers">
                  <tbody>
                    {data.headers.map((header, index) => (
                      <tr key={`${header.name}-${index}`}>
                        <th style={{ textTransform: 'none', whiteSpace: 'nowrap' }}>{header.name}</th>
                        <td style={{ wordBreak: 'break-all' }}>{header.value}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {tab === 'raw' && <RawSource url={data.rawUrl} />}
          </Tabs>
        </div>
      )}
    </section>
  );
}

function RawSource(props: { url: string }) {
  const { data, error } = useApi(async () => {
    const response = await fetch(props.url, { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.text();
  }, props.url);
  if (error) return <div class="error">{error}</div>;
  return <pre data-testid="raw-source">{data ?? 'Loading…'}</pre>;
}
