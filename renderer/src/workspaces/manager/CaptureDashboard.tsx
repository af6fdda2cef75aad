// The store manager's view of email capture (DESIGN §1, §6): the rate and what it is made of,
// how it moves by day and hour, why customers say no, and who is asking.
import { useEffect } from 'react';
import { useDashboardStore } from '../../stores/dashboardStore';
import { Notice } from '../../ui/Notice';
import { HourHeatmap } from './HourHeatmap';
import { KpiTiles } from './KpiTiles';
import { Leaderboard } from './Leaderboard';
import { RangeBar } from './RangeBar';
import { DeclineReasons, OptInRates } from './ReasonBars';
import { TrendChart } from './TrendChart';

const dayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const formatDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

export function CaptureDashboard() {
  const { preset, storeId, report, status, error, setPreset, setStore, load } = useDashboardStore();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section
      className="page dashboard"
      data-testid="capture-dashboard"
      data-state={status}
      data-range={report ? `${report.from}..${report.to}` : ''}
      data-store={report?.storeId ?? ''}
      aria-busy={status === 'loading'}
    >
      <header className="dashboard-head">
        <div>
          <h1 className="page-title">Email capture</h1>
          <p className="page-subtitle">
            {report
              ? `${report.from === report.to ? formatDay(report.from) : `${formatDay(report.from)} – ${formatDay(report.to)}`} · ${
                  report.storeId ? (report.stores.find((s) => s.id === report.storeId)?.name ?? report.storeId) : 'All stores'
                }`
              : 'Loading…'}
          </p>
        </div>
        <RangeBar preset={preset} storeId={storeId} stores={report?.stores ?? []} onPreset={(p) => void setPreset(p)} onStore={(s) => void setStore(s)} />
      </header>

      {status === 'error' && error ? <Notice tone="error" title={error.message} testId="dashboard-error" /> : null}

      {report ? (
        <div className="dashboard-grid">
          <KpiTiles report={report} />
          <div className="dashboard-row">
            <TrendChart days={report.byDay} />
            <HourHeatmap cells={report.byHour} />
          </div>
          <div className="dashboard-row dashboard-row-even">
            <DeclineReasons reasons={report.declineReasons} />
            <OptInRates totals={report.totals} />
          </div>
          <Leaderboard report={report} />
          <p className="dashboard-foot">
            Capture rate = captured ÷ eligible checkouts. Eligible excludes checkouts where the customer’s email was already on file.
          </p>
        </div>
      ) : null}
    </section>
  );
}
