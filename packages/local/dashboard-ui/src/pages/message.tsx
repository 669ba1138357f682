import { useState } from 'preact/hooks';
import type { ClockView, MessageDetailView } from '../../../src/dashboard/types.js';
import { getJson } from '../api.js';
import { EventBadge, MessageStatus } from '../components/badges.js';
import { MailFrame } from '../components/mail-frame.js';
import { formatBytes, formatInstant } from '../format.js';
import { POLL_MS, useApi } from '../hooks.js';
import { Link } from '../router.js';

type Tab = 'html' | 'text' | 'headers' | 'raw';

/** One captured email: its parts, headers, raw source, attachments and delivery events. */
export function MessagePage(props: { id: string; clock: ClockView | undefined }) {
  const { data, error } = useApi(
    () => getJson<MessageDetailView>(`messages/${encodeURIComponent(props.id)}`),
    props.id,
    POLL_MS,
  );
  const [chosen, setChosen] = useState<Tab>();
  const timeZone = props.clock?.timeZone ?? 'Asia/Shanghai';

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
  const tabs: { id: Tab; label: string }[] = [
    { id: 'html', label: 'HTML' },
    { id: 'text', label: 'Text' },
    { id: 'headers', label: 'Headers' },
    { id: 'raw', label: 'Raw source' },
  ];

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
            <dd data-testid="message-to">{data.to}</dd>
            <dt>Status</dt>
            <dd>
              <MessageStatus status={data.status} />
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
                  <Link href="/ui/tasks">{data.taskId}</Link>
                </dd>
              </>
            )}
          </dl>
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
          <a class="button" href={data.rawUrl} download={`${data.id}.eml`}>
            Download .eml
          </a>
        </div>
        <div class="panel">
          <h2>Events</h2>
          {data.events.length === 0 ? (
            <p class="muted">No events yet.</p>
          ) : (
            <ul class="events" data-testid="events">
              {data.events.map((event, index) => (
                <li key={`${event.type}-${index}`} data-testid="event" data-type={event.type}>
                  <time>{formatInstant(event.time, timeZone)}</time>
                  <EventBadge type={event.type} />
                  <span class="muted ellipsis">
                    {[event.bounceType, event.reason, event.link, event.userAgent]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div class="panel">
        <div class="tabs" role="tablist">
          {tabs.map((item) => (
            <button
              key={item.id}
              type="button"
              role="tab"
              aria-selected={tab === item.id}
              class={tab === item.id ? 'active' : ''}
              onClick={() => setChosen(item.id)}
            >
              {item.label}
            </button>
          ))}
        </div>
        {tab === 'html' &&
          (data.html ? (
            <>
              <MailFrame html={data.html} />
              <p class="muted">
                Shown sandboxed: scripts never run and remote images are not loaded. Opening it here does not
                count as an open.
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
          <table>
            <tbody>
              {data.headers.map((header, index) => (
                <tr key={`${header.name}-${index}`}>
                  <th style={{ textTransform: 'none', whiteSpace: 'nowrap' }}>{header.name}</th>
                  <td style={{ wordBreak: 'break-all' }}>{header.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tab === 'raw' && <RawSource url={data.rawUrl} />}
      </div>
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
