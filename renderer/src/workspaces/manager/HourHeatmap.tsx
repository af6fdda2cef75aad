// When asking slips: capture rate by hour of day × weekday, as a CSS grid heat map.
import type { CaptureReport } from '../../../../core/contract/index';
import { captureRate, formatRate } from './rates';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const ORDER = [1, 2, 3, 4, 5, 6, 0]; // Monday first, as a store's week is planned
const OPEN = 10;
const CLOSE = 20;
const hourLabel = (h: number) => `${h % 12 === 0 ? 12 : h % 12}${h < 12 ? 'a' : 'p'}`;

export function HourHeatmap({ cells }: { cells: CaptureReport['byHour'] }) {
  // Always the store's day (10 am – 8 pm), widened when there were checkouts outside it.
  const hours = range(Math.min(OPEN, ...cells.map((c) => c.hour)), Math.max(CLOSE, ...cells.map((c) => c.hour)));
  const at = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c]));
  return (
    <section className="panel" aria-labelledby="heat-title" data-testid="heatmap">
      <div className="chart-head">
        <h2 id="heat-title" className="panel-title">
          Capture rate by hour
        </h2>
        <span className="heat-scale" aria-hidden="true">
          0% <span className="heat-scale-bar" /> 100%
        </span>
      </div>
      <div className="heat" style={{ gridTemplateColumns: `44px repeat(${hours.length}, minmax(0, 1fr))` }} role="table" aria-label="Capture rate by weekday and hour">
        <div className="heat-row" role="row">
          <span role="columnheader" />
          {hours.map((h) => (
            <span key={h} className="heat-hour" role="columnheader">
              {hourLabel(h)}
            </span>
          ))}
        </div>
        {ORDER.map((weekday, i) => (
          <div key={weekday} className="heat-row" role="row">
            <span className="heat-day" role="rowheader">
              {WEEKDAYS[i]}
            </span>
            {hours.map((h) => {
              const c = at.get(`${weekday}:${h}`);
              const rate = c ? captureRate(c) : null;
              return (
                <span
                  key={h}
                  role="cell"
                  className={rate === null ? 'heat-cell is-empty' : 'heat-cell'}
                  style={rate === null ? undefined : heatStyle(rate)}
                  title={c ? `${WEEKDAYS[i]} ${hourLabel(h)}: ${formatRate(rate)} (${c.captured} of ${c.eligible})` : 'No checkouts'}
                >
                  {rate === null ? '' : Math.round(rate * 100)}
                </span>
              );
            })}
          </div>
        ))}
      </div>
    </section>
  );
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** From pale sand (nobody asked) to the brand teal (everyone did). */
function heatStyle(rate: number): { background: string; color: string } {
  const t = Math.max(0, Math.min(1, rate / 0.7));
  const from = [252, 239, 214];
  const to = [14, 85, 97];
  const mix = from.map((f, i) => Math.round(f + (to[i]! - f) * t));
  return { background: `rgb(${mix.join(' ')})`, color: readableOn(mix) };
}

/** White or black, whichever reads at 4.5:1 or better on this background (one always does). */
function readableOn(rgb: number[]): string {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return 1.05 / (luminance + 0.05) >= 4.5 ? '#fff' : '#000';
}
