import type { FunnelCounts, FunnelView } from '../../../src/dashboard/types.js';
import { formatNumber, formatShort } from '../format.js';

/** The series drawn per day, in funnel order, with their colours. */
export const SERIES: { key: keyof FunnelCounts; label: string; color: string }[] = [
  { key: 'requested', label: 'requested', color: '#8a94a8' },
  { key: 'accepted', label: 'accepted', color: '#5b6b8c' },
  { key: 'delivered', label: 'delivered', color: '#1f9d55' },
  { key: 'opened', label: 'opened', color: '#2f6fed' },
  { key: 'clicked', label: 'clicked', color: '#7b4ddb' },
  { key: 'bounced', label: 'bounced', color: '#d64545' },
  { key: 'unsubscribed', label: 'unsubscribed', color: '#c77c02' },
];

const WIDTH = 760;
const HEIGHT = 260;
const M = { top: 16, right: 16, bottom: 30, left: 48 };
const PLOT_W = WIDTH - M.left - M.right;
const PLOT_H = HEIGHT - M.top - M.bottom;

/** A "nice" axis maximum (1, 2 or 5 × 10ⁿ) at or above `value`. */
function niceMax(value: number): number {
  if (value <= 5) return 5;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/** Each counter per day as a line over the selected range. */
export function FunnelChart(props: { funnel: FunnelView }) {
  const { daily } = props.funnel;
  const max = niceMax(Math.max(0, ...daily.flatMap((day) => SERIES.map((series) => day[series.key]))));
  const step = daily.length > 1 ? PLOT_W / (daily.length - 1) : 0;
  const x = (index: number) => (daily.length > 1 ? M.left + index * step : M.left + PLOT_W / 2);
  const y = (value: number) => M.top + PLOT_H - (value / max) * PLOT_H;
  const labelEvery = Math.max(1, Math.ceil(daily.length / 12));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => fraction * max);
  return (
    <figure style={{ margin: 0 }}>
      <svg class="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Funnel counters per day">
        {ticks.map((tick) => (
          <g key={tick}>
            <line class="grid" x1={M.left} x2={WIDTH - M.right} y1={y(tick)} y2={y(tick)} />
            <text x={M.left - 6} y={y(tick) + 4} text-anchor="end">
              {formatShort(Math.round(tick))}
            </text>
          </g>
        ))}
        {SERIES.map((series) => (
          <g key={series.key}>
            <polyline
              fill="none"
              stroke={series.color}
              stroke-width={2}
              points={daily.map((day, index) => `${x(index)},${y(day[series.key])}`).join(' ')}
            />
            {daily.map((day, index) => (
              <circle key={day.date} cx={x(index)} cy={y(day[series.key])} r={2.5} fill={series.color}>
                <title>{`${day.date} ${series.label}: ${formatNumber(day[series.key])}`}</title>
              </circle>
            ))}
          </g>
        ))}
        {daily.map((day, index) =>
          index % labelEvery === 0 ? (
            <text key={day.date} x={x(index)} y={HEIGHT - M.bottom + 16} text-anchor="middle">
              {day.date.slice(5)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption class="legend">
        {SERIES.map((series) => (
          <span key={series.key}>
            <i style={{ background: series.color }} />
            {series.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
