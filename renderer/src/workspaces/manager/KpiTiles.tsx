// The headline numbers, each with what it is made of.
import type { CaptureReport } from '../../../../core/contract/index';
import { captureRate, count, formatRate, optInRate } from './rates';

export function KpiTiles({ report }: { report: CaptureReport }) {
  const t = report.totals;
  const tiles = [
    { id: 'capture-rate', label: 'Capture rate', value: formatRate(captureRate(t)), note: `${count.format(t.captured)} of ${count.format(t.eligible)} eligible checkouts`, lead: true },
    { id: 'checkouts', label: 'Checkouts', value: count.format(t.checkouts), note: `${count.format(t.alreadyOnFile)} already had an email on file` },
    { id: 'new-profiles', label: 'New profiles', value: count.format(t.capturedNew), note: `+ ${count.format(t.capturedUpdated)} added to existing profiles` },
    {
      id: 'marketing-opt-in',
      label: 'Marketing opt-in',
      value: formatRate(optInRate(t.marketingOptIn, t)),
      note: `${count.format(t.marketingOptIn)} of ${count.format(t.captured)} captured`,
    },
    {
      id: 'typo-fixes',
      label: 'Typo fixes accepted',
      value: count.format(t.typoAccepted),
      note: `of ${count.format(t.typoSuggested)} suggested`,
    },
  ];
  return (
    <dl className="kpis" data-testid="kpis">
      {tiles.map((k) => (
        <div key={k.id} className={k.lead ? 'kpi is-lead' : 'kpi'} data-kpi={k.id}>
          <dt className="kpi-label">{k.label}</dt>
          <dd className="kpi-value" data-testid={`kpi-${k.id}`}>
            {k.value}
          </dd>
          <dd className="kpi-note">{k.note}</dd>
        </div>
      ))}
    </dl>
  );
}
