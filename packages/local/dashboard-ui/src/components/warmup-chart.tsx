import type { WarmupDomainView } from '../../../src/dashboard/types.js';
import { formatNumber, formatShort } from '../format.js';

const WIDTH = 760;
const HEIGHT = 260;
const M = { top: 24, right: 16, bottom: 30, left: 48 };
const PLOT_W = WIDTH - M.left - M.right;
const PLOT_H = HEIGHT - M.top - M.bottom;
/** The y axis runs up to 10^DECADES emails (log scale: day 1's 500 and day 20's 1M both show). */
const DECADES = 6;
/**
 * The axis starts half a unit below 1 (log10 0.5), not at 1: bars stand on the axis, and a day
 * with one email sent must still get a visible bar.
 */
const FLOOR = Math.log10(0.5);
const BASELINE = M.top + PLOT_H;

function y(value: number): number {
  const log = Math.log10(Math.max(10 ** FLOOR, value));
  return BASELINE - ((log - FLOOR) / (DECADES - FLOOR)) * PLOT_H;
}

/**
 * A domain's warm-up: the plan's daily quota as a step line, batch emails sent each day as bars,
 * what the cache releases tomorrow as an outlined bar, and today marked.
 */
export function WarmupChart(props: { domain: WarmupDomainView; plan: { day: number; limit: number }[] }) {
  const { domain, plan } = props;
  const lastPlanned = plan[plan.length - 1]?.limit ?? 0;
  const days = Math.max(plan.length, domain.day + 2);
  const band = PLOT_W / days;
  const x = (day: number) => M.left + (day - 1) * band;
  const quota = (day: number) => plan[Math.min(day, plan.length) - 1]?.limit ?? lastPlanned;
  const labelEvery = days <= 30 ? 1 : Math.ceil(days / 20);

  let step = '';
  for (let day = 1; day <= days; day++) {
    const top = y(quota(day));
    step += `${day === 1 ? 'M' : 'L'}${x(day)},${top}H${x(day + 1)}`;
  }
  const today = x(domain.day) + band / 2;

  return (
    <figure style={{ margin: 0 }}>
      <svg
        class="chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Warm-up of ${domain.domain}: day ${domain.day}, quota ${domain.quota}, sent today ${domain.sentToday}`}
      >
        {Array.from({ length: DECADES + 1 }, (_, decade) => {
          const value = 10 ** decade;
          return (
            <g key={decade}>
              <line class="grid" x1={M.left} x2={WIDTH - M.right} y1={y(value)} y2={y(value)} />
              <text x={M.left - 6} y={y(value) + 4} text-anchor="end">
                {formatShort(value)}
              </text>
            </g>
          );
        })}
        {domain.history.map((entry) =>
          entry.sent > 0 ? (
            <rect
              key={entry.date}
              data-testid="warmup-sent-bar"
              data-day={entry.day}
              data-sent={entry.sent}
              x={x(entry.day) + band * 0.2}
              width={band * 0.6}
              y={y(entry.sent)}
              height={BASELINE - y(entry.sent)}
              fill={entry.sent >= entry.quota ? '#c77c02' : '#2f6fed'}
              rx={2}
            >
              <title>{`${entry.date} (day ${entry.day}): ${formatNumber(entry.sent)} of ${formatNumber(entry.quota)} sent`}</title>
            </rect>
          ) : null,
        )}
        {domain.tomorrow.fromCache > 0 && (
          <rect
            data-testid="warmup-tomorrow-bar"
            x={x(domain.tomorrow.day) + band * 0.2}
            width={band * 0.6}
            y={y(domain.tomorrow.fromCache)}
            height={BASELINE - y(domain.tomorrow.fromCache)}
            fill="#e6eefe"
            stroke="#2f6fed"
            stroke-dasharray="3 2"
            rx={2}
          >
            <title>{`Tomorrow (day ${domain.tomorrow.day}): ${formatNumber(domain.tomorrow.fromCache)} cached emails go out`}</title>
          </rect>
        )}
        <line class="grid" x1={M.left} x2={WIDTH - M.right} y1={BASELINE} y2={BASELINE} />
        <path d={step} fill="none" stroke="#1d2330" stroke-width={1.5} />
        <line
          x1={today}
          x2={today}
          y1={M.top - 6}
          y2={M.top + PLOT_H}
          stroke="#d64545"
          stroke-width={1.5}
          stroke-dasharray="4 3"
        />
        <text x={today} y={M.top - 10} text-anchor="middle" style={{ fill: '#d64545', fontWeight: 600 }}>
          today
        </text>
        {Array.from({ length: days }, (_, index) => index + 1)
          .filter((day) => day === 1 || day % labelEvery === 0)
          .map((day) => (
            <text key={day} x={x(day) + band / 2} y={HEIGHT - M.bottom + 16} text-anchor="middle">
              {day}
            </text>
          ))}
        <text x={M.left + PLOT_W / 2} y={HEIGHT - 2} text-anchor="middle">
          warm-up day
        </text>
      </svg>
      <figcaption class="legend">
        <span>
          <i style={{ background: '#1d2330', height: '2px' }} />
          daily quota (plan)
        </span>
        <span>
          <i style={{ background: '#2f6fed' }} />
          sent
        </span>
        <span>
          <i style={{ background: '#c77c02' }} />
          sent, quota reached
        </span>
        <span>
          <i style={{ background: '#e6eefe', border: '1px dashed #2f6fed' }} />
          cached for tomorrow
        </span>
        <span>log scale</span>
      </figcaption>
    </figure>
  );
}
