import { useState } from 'preact/hooks';
import type { MessageListView } from '../../../src/dashboard/types.js';
import { getJson } from '../api.js';
import { OutcomeBadges } from '../components/badges.js';
import { Pager } from '../components/pager.js';
import { RecipientList } from '../components/recipient-list.js';
import { formatNumber } from '../format.js';
import { POLL_MS, useApi, useOnReset } from '../hooks.js';
import { Link } from '../router.js';

const PAGE = 20;
const EMPTY_FILTER = { to: '', subject: '', messageId: '' };

/** Captured emails, newest first, searchable, refreshed every 2 s so new mail shows up by itself. */
export function OutboxPage() {
  const [draft, setDraft] = useState(EMPTY_FILTER);
  const [filter, setFilter] = useState(EMPTY_FILTER);
  const [offset, setOffset] = useState(0);
  useOnReset(() => setOffset(0));
  const key = JSON.stringify([filter, offset]);
  const { data, error } = useApi(
    () => getJson<MessageListView>('messages', { ...filter, limit: PAGE, offset }),
    key,
    POLL_MS,
  );

  const field = (name: keyof typeof EMPTY_FILTER, label: string, placeholder: string) => (
    <label>
      {label}
      <input
        name={name}
        value={draft[name]}
        placeholder={placeholder}
        onInput={(event) => setDraft({ ...draft, [name]: event.currentTarget.value })}
      />
    </label>
  );

  return (
    <section>
      <h1>
        Outbox{' '}
        {data && (
          <span class="muted" data-testid="outbox-total">
            {formatNumber(data.total)} emails
          </span>
        )}
      </h1>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setOffset(0);
          setFilter(draft);
        }}
      >
        {field('to', 'Recipient', 'ana@example.com')}
        {field('subject', 'Subject contains', 'Welcome')}
        {field('messageId', 'Message ID', 'qcloudses-…')}
        <button type="submit" class="primary">
          Search
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(EMPTY_FILTER);
            setFilter(EMPTY_FILTER);
            setOffset(0);
          }}
        >
          Clear
        </button>
      </form>
      {error && <div class="error">{error}</div>}
      <div class="panel table-scroll" style={{ padding: 0 }}>
        <table data-testid="outbox-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Recipients</th>
              <th>From</th>
              <th>Subject</th>
              <th>Outcome</th>
              <th>Task</th>
            </tr>
          </thead>
          <tbody>
            {data?.items.map((item) => (
              <tr key={item.id} data-testid="outbox-row" data-id={item.id}>
                <td class="muted" style={{ whiteSpace: 'nowrap' }}>
                  {item.createdAt}
                </td>
                <td>
                  <RecipientList recipients={item.recipients} fallback={item.to} />
                </td>
                <td class="ellipsis" title={item.from}>
                  {item.from}
                </td>
                <td class="ellipsis" title={item.subject}>
                  <Link href={`/ui/messages/${encodeURIComponent(item.id)}`}>
                    {item.subject || '(no subject)'}
                  </Link>
                </td>
                <td>
                  <OutcomeBadges recipients={item.recipients} outcome={item.outcome} />
                </td>
                <td class="muted">
                  {item.taskId === undefined ? (
                    '–'
                  ) : (
                    <Link href={`/ui/tasks?id=${item.taskId}`}>{item.taskId}</Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {data && data.items.length === 0 && (
          <div class="empty">
            No emails{Object.values(filter).some(Boolean) ? ' match this search' : ' captured yet'}.
          </div>
        )}
      </div>
      {data && <Pager total={data.total} limit={data.limit} offset={data.offset} onChange={setOffset} />}
    </section>
  );
}
