// The merchandiser's view of exploration: how much of what customers see is a trial, with what
// odds slots were shown, and what the ranking alone would be worth, each starter kind valued
// off-policy from the hub's logged slots (IPS, self-normalized IPS, doubly robust) with its 95 %
// interval and effective sample size, or "not enough data yet".
import { useCallback, useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HubReport, HubReportView } from '../../../../core/contract/index';
import { api } from '../../bridge';
import { Notice } from '../../ui/Notice';
import { hubAgeText } from '../manager/hubAge';
import { count } from '../manager/rates';

const DAYS = 30;
type Valued = Omit<HubReport['exploration']['byKind'][number], 'kind'>;
type Estimate = NonNullable<Valued['current']>['snips'];

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const kindLabel = (k: string) => k.replaceAll('_', ' ');
const ci = (e: { ci95: [number, number] }) => `${pct(Math.max(0, e.ci95[0]))} – ${pct(Math.min(1, e.ci95[1]))}`;

function EstimateCell({ e, testId }: { e: Estimate | undefined; testId?: string }) {
  if (!e) return <td className="muted">—</td>;
  return (
    <td data-testid={testId}>
      <span className="estimate-value">{pct(e.value)}</span>
      <span className="estimate-ci">{`${ci(e)} · ESS ${count.format(Math.round(e.ess))}`}</span>
    </td>
  );
}

function KindChart({ rows }: { rows: HubReport['exploration']['byKind'] }) {
  // Error bars are offsets from the bar: [value − low, high − value].
  const data = rows.map((r) => ({
    kind: kindLabel(r.kind),
    logged: r.logged.value * 100,
    loggedErr: [(r.logged.value - Math.max(0, r.logged.ci95[0])) * 100, (Math.min(1, r.logged.ci95[1]) - r.logged.value) * 100],
    ranking: r.current ? r.current.snips.value * 100 : null,
    rankingErr: r.current ? [(r.current.snips.value - Math.max(0, r.current.snips.ci95[0])) * 100, (Math.min(1, r.current.snips.ci95[1]) - r.current.snips.value) * 100] : [0, 0],
  }));
  return (
    <section className="panel chart-panel" aria-labelledby="kind-chart-title" data-testid="exploration-by-kind-chart">
      <div className="chart-head">
        <h2 id="kind-chart-title" className="panel-title">
          Use rate by kind: logged vs the ranking without trials
        </h2>
      </div>
      <div className="chart-box">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
            <CartesianGrid stroke="#eaeef1" vertical={false} />
            <XAxis dataKey="kind" tick={{ fontSize: 12, fill: '#56636f' }} tickLine={false} axisLine={{ stroke: '#dde3e8' }} interval={0} />
            <YAxis tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 12, fill: '#56636f' }} tickLine={false} axisLine={false} width={48} />
            <Tooltip formatter={(value, name) => [value === null ? 'not enough data yet' : `${Number(value).toFixed(1)} %`, name === 'logged' ? 'Logged' : 'Ranking (SNIPS)']} />
            <Legend formatter={(name) => <span className="legend-text">{name === 'logged' ? 'Logged use rate' : 'Ranking without trials (SNIPS, 95 %)'}</span>} />
            <Bar dataKey="logged" fill="#9fc9cc" radius={[3, 3, 0, 0]} maxBarSize={36} isAnimationActive={false}>
              <ErrorBar dataKey="loggedErr" width={4} stroke="#35616a" />
            </Bar>
            <Bar dataKey="ranking" fill="#0e5561" radius={[3, 3, 0, 0]} maxBarSize={36} isAnimationActive={false}>
              <ErrorBar dataKey="rankingErr" width={4} stroke="#0a2f36" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}

function PropensityChart({ rows }: { rows: HubReport['exploration']['propensities'] }) {
  const data = rows.map((r) => ({ label: `${r.exploration ? 'trial' : 'ranked'} p=${r.propensity < 0.01 ? r.propensity.toPrecision(2) : r.propensity.toFixed(2)}`, shown: r.shown, used: r.used }));
  return (
    <section className="panel chart-panel" aria-labelledby="propensity-title" data-testid="exploration-propensities">
      <div className="chart-head">
        <h2 id="propensity-title" className="panel-title">
          Slots by the probability they were shown with
        </h2>
      </div>
      <div className="chart-box chart-box-short">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid stroke="#eaeef1" horizontal={false} />
            <XAxis type="number" tick={{ fontSize: 12, fill: '#56636f' }} tickLine={false} axisLine={false} />
            <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 12, fill: '#56636f' }} tickLine={false} axisLine={false} />
            <Tooltip formatter={(value, name) => [count.format(Number(value)), name === 'shown' ? 'Shown' : 'Used']} />
            <Legend formatter={(name) => <span className="legend-text">{name === 'shown' ? 'Shown' : 'Used'}</span>} />
            <Bar dataKey="shown" fill="#9fc9cc" isAnimationActive={false} maxBarSize={18} />
            <Bar dataKey="used" fill="#0e5561" isAnimationActive={false} maxBarSize={18} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}

export function ExplorationView() {
  const [view, setView] = useState<HubReportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await api.call('analytics.hubReport', { days: DAYS, store: '*' });
    if (r.ok) {
      setView(r.value);
      setError(null);
    } else setError(r.error.message);
  }, []);
  useEffect(() => {
    void load();
    return api.on('device.status', () => void load()); // a report lands through sync
  }, [load]);

  const report = view?.report ?? null;
  const x = report?.exploration;
  return (
    <section className="page dashboard exploration" data-testid="exploration-view" data-state={report ? 'ready' : 'empty'}>
      <header className="dashboard-head">
        <div>
          <h1 className="page-title">Exploration</h1>
          <p className="page-subtitle" data-testid="exploration-age">
            {[report ? `All stores · last ${DAYS} days` : null, view ? hubAgeText(view) : 'Loading…'].filter(Boolean).join(' · ')}
          </p>
        </div>
      </header>
      {error ? <Notice tone="error" title={error} testId="exploration-error" /> : null}
      {x ? (
        <div className="dashboard-grid">
          <dl className="kpis kpis-4">
            <div className="kpi is-lead" data-kpi="explored">
              <dt className="kpi-label">Share explored</dt>
              <dd className="kpi-value" data-testid="share-explored">
                {x.logged.slots ? pct(x.exploredSlots / x.logged.slots) : '—'}
              </dd>
              <dd className="kpi-note">{`${count.format(x.exploredSlots)} trials in ${count.format(x.logged.slots)} shown slots`}</dd>
            </div>
            <div className="kpi" data-kpi="logged">
              <dt className="kpi-label">Logged use rate</dt>
              <dd className="kpi-value">{x.logged.slots ? pct(x.logged.value) : '—'}</dd>
              <dd className="kpi-note">{x.logged.slots ? `95 %: ${ci(x.logged)}` : 'nothing shown yet'}</dd>
            </div>
            <div className="kpi" data-kpi="ranking">
              <dt className="kpi-label">Ranking without trials</dt>
              <dd className="kpi-value" data-testid="ranking-value">
                {x.current ? pct(x.current.snips.value) : '—'}
              </dd>
              <dd className="kpi-note">{x.current ? `95 %: ${ci(x.current.snips)} (self-normalized IPS)` : 'not enough data yet'}</dd>
            </div>
            <div className="kpi" data-kpi="ess">
              <dt className="kpi-label">Effective sample</dt>
              <dd className="kpi-value">{x.current ? count.format(Math.round(x.current.snips.ess)) : '—'}</dd>
              <dd className="kpi-note">slots the estimate rests on</dd>
            </div>
          </dl>
          <div className="dashboard-row dashboard-row-even">
            <KindChart rows={x.byKind} />
            <PropensityChart rows={x.propensities} />
          </div>
          <section className="panel" data-testid="exploration-table">
            <h2 className="panel-title">Each kind valued off-policy</h2>
            <table className="report-table estimate-table">
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Shown</th>
                  <th scope="col">Trials</th>
                  <th scope="col">Logged</th>
                  <th scope="col">IPS</th>
                  <th scope="col">SNIPS</th>
                  <th scope="col">Doubly robust</th>
                </tr>
              </thead>
              <tbody>
                {[{ kind: 'all kinds', ...x }, ...x.byKind].map((r) => (
                  <tr key={r.kind} data-kind={r.kind}>
                    <th scope="row">{kindLabel(r.kind)}</th>
                    <td>{count.format(r.logged.slots)}</td>
                    <td>{count.format(r.exploredSlots)}</td>
                    <td>{pct(r.logged.value)}</td>
                    {r.current ? (
                      <>
                        <EstimateCell e={r.current.ips} />
                        <EstimateCell e={r.current.snips} testId={`snips-${r.kind}`} />
                        <EstimateCell e={r.current.dr} />
                      </>
                    ) : (
                      <td colSpan={3} className="not-enough" data-testid={`not-enough-${r.kind}`}>
                        Not enough data yet: an estimate needs 100 shown slots and 10 trials.
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="dashboard-foot">
              The ranking without trials is what the use rate would be if every slot showed the ranking&rsquo;s own pick, estimated from the logged slots weighed by the odds they were shown
              with. ESS is how many slots the estimate is worth; a small one means a wide, fragile interval.
            </p>
          </section>
        </div>
      ) : null}
    </section>
  );
}
