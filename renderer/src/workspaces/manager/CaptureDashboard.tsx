// The store manager's view of email capture (DESIGN §1, §6): the rate and what it is made of,
// how it moves by day and hour, why customers say no, and who is asking. Every register of the
// store from the hub (a merchandiser: every store), or this register's own checkouts.
import { useEffect } from 'react';
import { api } from '../../bridge';
import { useDashboardStore, type CaptureSource } from '../../stores/dashboardStore';
import { useSessionStore } from '../../stores/sessionStore';
import { Notice } from '../../ui/Notice';
import { hubAgeText } from './hubAge';
import { HourHeatmap } from './HourHeatmap';
import { KpiTiles } from './KpiTiles';
import { Leaderboard } from './Leaderboard';
import { RangeBar } from './RangeBar';
import { DeclineReasons, OptInRates } from './ReasonBars';
import { TrendChart } from './TrendChart';

const dayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const formatDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

const SOURCES: { id: CaptureSource; label: string }[] = [
  { id: 'hub', label: 'All registers' },
  { id: 'register', label: 'This register' },
];

export function CaptureDashboard() {
  const { preset, storeId, source, report, hub, standalone, status, error, setPreset, setStore, setSource, load } = useDashboardStore();
  const chainRole = useSessionStore((s) => s.session?.role === 'merchandiser');
  useEffect(() => {
    void load();
    // The hub's report lands through sync, which the device status announces.
    const off = api.on('device.status', () => {
      if (useDashboardStore.getState().source === 'hub') void load({ quiet: true });
    });
    return off;
  }, [load]);
  const where = report
    ? report.storeId
      ? (report.stores.find((s) => s.id === report.storeId)?.name ?? report.storeId)
      : 'All stores'
    : null;

  return (
    <section
      className="page dashboard"
      data-testid="capture-dashboard"
      data-state={status}
      data-range={report ? `${report.from}..${report.to}` : ''}
      data-store={report?.storeId ?? ''}
      data-source={source}
      aria-busy={status === 'loading'}
    >
      <header className="dashboard-head">
        <div>
          <h1 className="page-title">Email capture</h1>
          <p className="page-subtitle" data-testid="capture-age">
            {[
              report ? (report.from === report.to ? formatDay(report.from) : `${formatDay(report.from)} – ${formatDay(report.to)}`) : null,
              where ? `${where}${standalone ? '' : source === 'hub' ? ', every register' : ', this register'}` : null,
              hub ? hubAgeText(hub) : report ? null : 'Loading…',
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </div>
        <div className="dashboard-controls">
          {chainRole || standalone ? null : (
            <div className="segmented segmented-sm" role="radiogroup" aria-label="Registers">
              {SOURCES.map((s) => (
                <button key={s.id} type="button" role="radio" aria-checked={s.id === source} className={s.id === source ? 'segment is-selected' : 'segment'} onClick={() => void setSource(s.id)}>
                  {s.label}
                </button>
              ))}
            </div>
          )}
          <RangeBar
            preset={preset}
            storeId={storeId}
            stores={report?.stores ?? []}
            showStores={chainRole || source === 'register'}
            onPreset={(p) => void setPreset(p)}
            onStore={(s) => void setStore(s)}
          />
        </div>
      </header>

      {status === 'error' && error ? <Notice tone="error" title={error.message} testId="dashboard-error" /> : null}

      {!report && hub ? <Notice tone="info" title={hub.connection === 'standalone' ? 'Reports of every register need a hub.' : 'No report from the hub yet.'} testId="capture-waiting" /> : null}
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
