// The hub's report of every register: starters (shown, used, not relevant and why, sales that
// followed), the lift over the holdout in plain words, and what exploration is worth. Online it
// asks the hub for a fresh one; offline it shows the last one with its age.
import { useCallback, useEffect, useState } from 'react';
import type { HubLiftFigure, HubReportView, HubStarterCounts } from '../../../../core/contract/index';
import { api } from '../../bridge';
import { Notice } from '../../ui/Notice';
import { hubAgeText } from './hubAge';
import { count } from './rates';

const DAYS = 30; // the last 30 days of the store's own calendar
const REASON_LABEL: Record<string, string> = {
  not_interested: 'Not interested',
  already_owns: 'Already owns it',
  wrong_fit: 'Wrong size or fit',
  price: 'Price',
  other: 'Other',
  none: 'No reason given',
};
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const money = (cents: number) => dollars.format(cents / 100);
const rate = (n: number, d: number) => (d ? pct(n / d) : '—');

/** The lift in words a manager reads once: what, how much, how sure, over how many visits. */
export function liftSentence(f: HubLiftFigure, what: 'rate' | 'money' | 'category'): string {
  if (f.status === 'not_enough_data') return `${f.reason} (${count.format(f.visits)} visits whose window has closed so far.)`;
  const size = what === 'money' ? `${money(Math.abs(f.lift))} (± ${money((f.ci95[1] - f.ci95[0]) / 2)})` : `${(Math.abs(f.lift) * 100).toFixed(1)} points (± ${((f.ci95[1] - f.ci95[0]) * 50).toFixed(1)})`;
  const subject = what === 'money' ? 'spent' : what === 'rate' ? 'bought something' : 'bought from a suggested category';
  const direction = f.lift >= 0 ? 'more' : 'less';
  const sure = f.ci95[0] > 0 || f.ci95[1] < 0 ? '' : ' — not yet distinguishable from no difference';
  return what === 'money'
    ? `Customers who got starters ${subject} ${size} ${direction} per visit than the holdout, over ${count.format(f.visits)} visits${sure}.`
    : `Customers who got starters ${subject} ${size} ${direction} often than the holdout, over ${count.format(f.visits)} visits${sure}.`;
}

function StarterTable({ title, rows, testId }: { title: string; rows: ({ name: string } & HubStarterCounts)[]; testId: string }) {
  return (
    <section className="panel" data-testid={testId}>
      <h2 className="panel-title">{title}</h2>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">{title.replace('By ', '')}</th>
            <th scope="col">Shown</th>
            <th scope="col">Used</th>
            <th scope="col">Not relevant</th>
            <th scope="col">Bought it</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 8).map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.name || '—'}</th>
              <td>{count.format(r.shown)}</td>
              <td>{rate(r.used, r.shown)}</td>
              <td>{rate(r.notRelevant, r.shown)}</td>
              <td>{rate(r.attributedProduct, r.shown)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ChainReport({ scope }: { scope?: string }) {
  const [view, setView] = useState<HubReportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await api.call('analytics.hubReport', { days: DAYS, ...(scope ? { store: scope } : {}) });
    if (r.ok) {
      setView(r.value);
      setError(null);
    } else setError(r.error.message);
  }, [scope]);
  useEffect(() => {
    void load();
    // a fresh report lands through sync: the device status event says something changed
    const off = api.on('device.status', () => void api.call('analytics.hubReport', { days: DAYS, ...(scope ? { store: scope } : {}) }).then((r) => r.ok && setView(r.value)));
    const retry = setTimeout(() => void load(), 1500);
    return () => {
      off();
      clearTimeout(retry);
    };
  }, [load, scope]);

  const report = view?.report ?? null;
  const t = report?.starters.total;
  return (
    <section className="page dashboard chain-report" data-testid="chain-report" data-state={report ? 'ready' : 'empty'}>
      <header className="dashboard-head">
        <div>
          <h1 className="page-title">Starters across registers</h1>
          <p className="page-subtitle" data-testid="report-age">
            {[report ? `${report.store === '*' ? 'All stores' : `Store ${report.store}`} · ${report.from} – ${report.to}` : null, view ? hubAgeText(view) : 'Loading…']
              .filter(Boolean)
              .join(' · ')}
          </p>
        </div>
      </header>
      {error ? <Notice tone="error" title={error} testId="chain-report-error" /> : null}
      {!report && view?.connection === 'standalone' ? (
        <section className="panel report-empty" data-testid="chain-report-empty" aria-labelledby="report-empty-title">
          <h2 id="report-empty-title" className="panel-title">
            What this report shows, once the register syncs
          </h2>
          <ul>
            <li>How often each register’s conversation starters are used, or marked not relevant, and why.</li>
            <li>What customers bought within the attribution window after a starter was shown.</li>
            <li>The lift against the holdout group, and the share of exploratory starters.</li>
          </ul>
          <p className="muted">IT connects this register to the store hub with a one-time enrolment code; the report then fills in by itself.</p>
        </section>
      ) : null}
      {report && t ? (
        <div className="dashboard-grid">
          <dl className="kpis">
            <div className="kpi is-lead" data-kpi="used">
              <dt className="kpi-label">Starters used</dt>
              <dd className="kpi-value">{rate(t.used, t.shown)}</dd>
              <dd className="kpi-note">{`${count.format(t.used)} of ${count.format(t.shown)} shown`}</dd>
            </div>
            <div className="kpi" data-kpi="not-relevant">
              <dt className="kpi-label">Not relevant</dt>
              <dd className="kpi-value">{rate(t.notRelevant, t.shown)}</dd>
              <dd className="kpi-note">{Object.entries(t.reasons).sort((a, b) => b[1] - a[1]).slice(0, 2).map(([k, n]) => `${REASON_LABEL[k] ?? k} ${count.format(n)}`).join(' · ') || 'no answers yet'}</dd>
            </div>
            <div className="kpi" data-kpi="attributed">
              <dt className="kpi-label">{`Bought within ${report.attributionDays} days`}</dt>
              <dd className="kpi-value">{rate(t.attributedProduct, t.shown)}</dd>
              <dd className="kpi-note">{`the product shown; its category ${rate(t.attributedCategory, t.shown)}`}</dd>
            </div>
            <div className="kpi" data-kpi="checkouts">
              <dt className="kpi-label">Checkouts, all registers</dt>
              <dd className="kpi-value">{count.format(report.checkouts.total)}</dd>
              <dd className="kpi-note">{`${count.format(report.sales.orders)} sales, ${money(report.sales.revenueCents)}`}</dd>
            </div>
          </dl>
          <section className="panel" data-testid="lift">
            <h2 className="panel-title">What starters add (vs the holdout)</h2>
            {report.lift.purchaseRate.status === 'not_enough_data' ? (
              // The three figures share one sample: say once why there is no comparison yet.
              <p className="lift-lines" data-testid="lift-not-enough">
                {liftSentence(report.lift.purchaseRate, 'rate')}
              </p>
            ) : (
              <ul className="lift-lines">
                <li data-testid="lift-revenue">{liftSentence(report.lift.revenuePerVisitCents, 'money')}</li>
                <li data-testid="lift-purchase">{liftSentence(report.lift.purchaseRate, 'rate')}</li>
                <li>{liftSentence(report.lift.categoryPurchaseRate, 'category')}</li>
              </ul>
            )}
            <p className="dashboard-foot">{`Visits whose ${report.attributionDays}-day window has closed; ± is a 95 % interval clustered by customer.`}</p>
          </section>
          <div className="dashboard-row dashboard-row-even">
            <StarterTable title="By kind" testId="by-kind" rows={report.starters.byKind.map((r) => ({ ...r, name: r.kind.replaceAll('_', ' ') }))} />
            <StarterTable title="By associate" testId="by-associate" rows={report.starters.byAssociate.map((r) => ({ ...r, name: r.staffId }))} />
          </div>
          <section className="panel" data-testid="exploration">
            <h2 className="panel-title">Exploration</h2>
            <p>
              {`Logged: ${pct(report.exploration.logged.value)} of ${count.format(report.exploration.logged.slots)} shown slots were used (${count.format(report.exploration.exploredSlots)} were trials). `}
              {report.exploration.current
                ? `Without trials the ranking would be used ${pct(report.exploration.current.snips.value)} of the time (95 %: ${pct(report.exploration.current.snips.ci95[0])} – ${pct(report.exploration.current.snips.ci95[1])}, self-normalized IPS; DR ${pct(report.exploration.current.dr.value)}).`
                : 'Not enough slots yet to estimate the ranking without trials.'}
            </p>
          </section>
        </div>
      ) : null}
    </section>
  );
}
