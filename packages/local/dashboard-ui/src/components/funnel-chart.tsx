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

/** Decades on the y axis: counters from 1 to 10^DECADES (log scale: clicks show beside thousands). */
function decadesFor(max: number): number {
  return Math.max(1, Math.ceil(Math.log10(Math.max(10, max))));
}

/** Each counter per day as grouped bars over the selected range (log scale, 0 at the baseline). */
export function FunnelChart(props: { funnel: FunnelView }) {
  const { daily } = props.funnel;
  const decades = decadesFor(Math.max(0, ...daily.flatMap((day) => SERIES.map((series) => day[series.key]))));
  const band = PLOT_W / Math.max(1, daily.length);
  const bar = (band * 0.8) / SERIES.length;
  // log10(1 + v) keeps 0 on the baseline and 1 just above it.
  const y = (value: number) => M.top + PLOT_H - (Math.log10(1 + value) / decades) * PLOT_H;
  const labelEvery = Math.max(1, Math.ceil(daily.length / 12));
  return (
    <figure style={{ margin: 0 }}>
      <svg class="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Funnel counters per day">
        {Array.from({ length: decades + 1 }, (_, decade) => {
          const value = decade === 0 ? 0 : 10 ** decade;
          return (
            <g key={decade}>
              <line class="grid" x1={M.left} x2={WIDTH - M.right} y1={y(value)} y2={y(value)} />
              <text x={M.left - 6} y={y(value) + 4} text-anchor="end">
                {formatShort(value)}
              </text>
            </g>
          );
        })}
        {daily.map((day, index) => (
          <g key={day.date}>
            {SERIES.map((series, position) =>
              day[series.key] > 0 ? (
                <rect
                  key={series.key}
                  x={M.left + index * band + band * 0.1 + position * bar}
                  width={Math.max(1, bar - 1)}
                  y={y(day[series.key])}
                  height={y(0) - y(day[series.key])}
                  fill={series.color}
                >
                  <title>{`${day.date} ${series.label}: ${formatNumber(day[series.key])}`}</title>
                </rect>
              ) : null,
            )}
            {index % labelEvery === 0 && (
              <text x={M.left + index * band + band / 2} y={HEIGHT - M.bottom + 16} text-anchor="middle">
                {day.date.slice(5)}
              </text>
            )}
          </g>
        ))}
      </svg>
      <figcaption class="legend">
        {SERIES.map((series) => (
          <span key={series.key}>
            <i style={{ background: series.color }} />
            {series.label}
          </span>
        ))}
        <span>log scale</span>
      </figcaption>
    </figure>
  );
}
