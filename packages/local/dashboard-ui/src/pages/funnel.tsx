import { useEffect, useState } from 'preact/hooks';
import type { ClockView, FunnelCounts, FunnelView } from '../../../src/dashboard/types.js';
import { getJson } from '../api.js';
import { FunnelChart, SERIES } from '../components/funnel-chart.js';
import { addDays, formatNumber, formatPercent } from '../format.js';
import { useApi } from '../hooks.js';

const STAGES: (keyof FunnelCounts)[] = ['requested', 'accepted', 'delivered', 'opened', 'clicked'];
const SIDE: (keyof FunnelCounts)[] = ['bounced', 'unsubscribed'];
const colorOf = (key: keyof FunnelCounts) => SERIES.find((series) => series.key === key)?.color ?? '#888';

/** `GetStatisticsReport` over a chosen range: the funnel in total and each counter per day. */
export function FunnelPage(props: { clock: ClockView | undefined }) {
  const today = props.clock?.today;
  const [range, setRange] = useState<{ start: string; end: string; domain: string }>();
  const [draft, setDraft] = useState<{ start: string; end: string; domain: string }>();
  const applied = range ?? (today ? { start: addDays(today, -6), end: today, domain: '' } : undefined);
  const form = draft ?? applied;
  const { data, error } = useApi(
    () => (applied ? getJson<FunnelView>('funnel', applied) : Promise.resolve(undefined)),
    JSON.stringify(applied),
  );
  // A date left empty gets the server's default: show which one in the form.
  useEffect(() => {
    if (!data || !form || (form.start && form.end)) return;
    setDraft({ ...form, start: form.start || data.start, end: form.end || data.end });
  }, [data]);

  return (
    <section>
      <h1>Funnel</h1>
      {form && (
        <form
          class="filters"
          onSubmit={(event) => {
            event.preventDefault();
            setRange(form);
          }}
        >
          <label>
            From
            <input
              type="date"
              name="start"
              value={form.start}
              onInput={(event) => setDraft({ ...form, start: event.currentTarget.value })}
            />
          </label>
          <label>
            To
            <input
              type="date"
              name="end"
              value={form.end}
              onInput={(event) => setDraft({ ...form, end: event.currentTarget.value })}
            />
          </label>
          <label>
            Sender domain
            <select
              name="domain"
              value={form.domain}
              onChange={(event) => setDraft({ ...form, domain: event.currentTarget.value })}
            >
              <option value="">all domains</option>
              {data?.domains.map((domain) => (
                <option key={domain} value={domain}>
                  {domain}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="primary">
            Show
          </button>
        </form>
      )}
      {error && (
        <div class="error" role="alert">
          {error}
        </div>
      )}
      {/* The last range's figures would read as the answer to the refused one: hidden until it is fixed. */}
      {data && !error && (
        <>
          <div class="panel" data-testid="funnel-total">
            <h2 data-testid="funnel-heading">
              Total, {data.start} to {data.end},{' '}
              {data.domain ? `sender domain ${data.domain}` : 'all sender domains'}
            </h2>
            {STAGES.map((key) => (
              <div class="funnel-row" key={key}>
                <span>{key}</span>
                <div class="bar">
                  <span
                    style={{
                      width: `${data.total.requested > 0 ? (data.total[key] / data.total.requested) * 100 : 0}%`,
                      background: colorOf(key),
                    }}
                  />
                </div>
                <span class="count">
                  <strong data-testid={`funnel-total-${key}`}>{formatNumber(data.total[key])}</strong>{' '}
                  <span class="muted">{formatPercent(data.total[key], data.total.requested)}</span>
                </span>
              </div>
            ))}
            <div class="stats" style={{ marginTop: '14px', marginBottom: 0 }}>
              {SIDE.map((key) => (
                <div class="stat" key={key}>
                  <div class="label">{key}</div>
                  <div class="value" data-testid={`funnel-total-${key}`}>
                    {formatNumber(data.total[key])}
                  </div>
                </div>
              ))}
            </div>
          </div>
          <div class="panel">
            <h2>Per day</h2>
            <FunnelChart funnel={data} />
            <table data-testid="funnel-daily" style={{ marginTop: '12px' }}>
              <thead>
                <tr>
                  <th>Date</th>
                  {SERIES.map((series) => (
                    <th class="num" key={series.key}>
                      {series.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[...data.daily].reverse().map((day) => (
                  <tr key={day.date} data-testid="funnel-day" data-date={day.date}>
                    <td>{day.date}</td>
                    {SERIES.map((series) => (
                      <td class="num" key={series.key} data-key={series.key}>
                        {formatNumber(day[series.key])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
