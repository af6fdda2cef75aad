// Capture rate day by day (line) over eligible checkouts (bars), with recharts.
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CaptureReport } from '../../../../core/contract/index';
import { captureRate, formatRate } from './rates';

const dayLabel = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const label = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));

export function TrendChart({ days }: { days: CaptureReport['byDay'] }) {
  const data = days.map((d) => ({ day: d.day, eligible: d.eligible, rate: captureRate(d) === null ? null : Math.round(captureRate(d)! * 1000) / 10 }));
  return (
    <section className="panel chart-panel" aria-labelledby="trend-title" data-testid="trend">
      <div className="chart-head">
        <h2 id="trend-title" className="panel-title">
          Capture rate by day
        </h2>
        <span className="chart-legend">
          <span className="legend-line" /> Capture rate <span className="legend-bar" /> Eligible checkouts
        </span>
      </div>
      {days.length < 2 ? (
        <p className="chart-empty">A trend needs more than one day. Choose 7, 30 or 90 days to see how the rate moves.</p>
      ) : (
        <div className="chart-box">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
              <CartesianGrid stroke="#eaeef1" vertical={false} />
              <XAxis dataKey="day" tickFormatter={label} tick={{ fontSize: 12, fill: '#6e7b87' }} tickLine={false} axisLine={{ stroke: '#dde3e8' }} minTickGap={24} />
              <YAxis yAxisId="rate" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 12, fill: '#6e7b87' }} tickLine={false} axisLine={false} width={48} />
              <YAxis yAxisId="count" orientation="right" hide />
              <Tooltip
                labelFormatter={(d) => label(String(d))}
                formatter={(value, name) => (name === 'rate' ? [formatRate(value === null ? null : Number(value) / 100), 'Capture rate'] : [value, 'Eligible checkouts'])}
              />
              <Bar yAxisId="count" dataKey="eligible" fill="#dcefef" radius={[3, 3, 0, 0]} maxBarSize={28} isAnimationActive={false} />
              <Line yAxisId="rate" dataKey="rate" type="monotone" stroke="#0e5561" strokeWidth={2.5} dot={false} connectNulls isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}
