import type { WarmupView } from '../../../src/dashboard/types.js';
import { getJson } from '../api.js';
import { WarmupChart } from '../components/warmup-chart.js';
import { formatNumber } from '../format.js';
import { POLL_MS, useApi } from '../hooks.js';

function Stat(props: { label: string; value: string; testId?: string }) {
  return (
    <div class="stat">
      <div class="label">{props.label}</div>
      <div class="value" data-testid={props.testId}>
        {props.value}
      </div>
    </div>
  );
}

/** Per sender domain: where it stands in the warm-up plan, what it sent, what waits for tomorrow. */
export function WarmupPage() {
  const { data, error } = useApi(() => getJson<WarmupView>('warmup'), 'warmup', POLL_MS);
  return (
    <section>
      <h1>Warm-up</h1>
      <p class="muted">
        Batch sending per sender domain is capped by the warm-up plan; emails over today's quota are cached
        and go out on later days.
      </p>
      {error && <div class="error">{error}</div>}
      {data && data.domains.length === 0 && <div class="panel empty">No sender domains yet.</div>}
      {data?.domains.map((domain) => (
        <div class="panel" key={domain.domain} data-testid="warmup-domain" data-domain={domain.domain}>
          <h2>
            {domain.domain} {!domain.verified && <span class="badge warn">not verified</span>}
          </h2>
          <div class="stats">
            <Stat label="Warm-up day" value={String(domain.day)} testId="warmup-day" />
            <Stat label="Today's quota" value={formatNumber(domain.quota)} testId="warmup-quota" />
            <Stat label="Sent today" value={formatNumber(domain.sentToday)} testId="warmup-sent-today" />
            <Stat label="Left today" value={formatNumber(domain.remainingToday)} />
            <Stat label="Cached" value={formatNumber(domain.cached)} testId="warmup-cached" />
            <Stat
              label={`Tomorrow (day ${domain.tomorrow.day})`}
              value={`${formatNumber(domain.tomorrow.fromCache)} / ${formatNumber(domain.tomorrow.quota)}`}
              testId="warmup-tomorrow"
            />
          </div>
          {domain.cached > 0 && (
            <p class="muted">
              The cache empties in {domain.cacheDays} more day{domain.cacheDays === 1 ? '' : 's'} at the
              plan's pace.
            </p>
          )}
          <WarmupChart domain={domain} plan={data.plan} />
        </div>
      ))}
    </section>
  );
}
