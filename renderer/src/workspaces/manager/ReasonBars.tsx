// Why customers said no, and what those who said yes agreed to: simple proportional bars.
import type { CaptureReport, ConsentPurpose, DeclineReason } from '../../../../core/contract/index';
import { purposeLabel } from '../../format/labels';
import { count, formatRate, optInRate } from './rates';

export const declineLabel: Record<DeclineReason, string> = {
  no_email: 'Has no email',
  privacy: 'Privacy concerns',
  too_many_emails: 'Gets too many emails',
  in_a_hurry: 'In a hurry',
  not_asked: 'Didn’t get to ask',
};

export function DeclineReasons({ reasons }: { reasons: CaptureReport['declineReasons'] }) {
  const total = reasons.reduce((n, r) => n + r.count, 0);
  const sorted = [...reasons].sort((a, b) => b.count - a.count);
  return (
    <section className="panel" aria-labelledby="declines-title" data-testid="decline-reasons">
      <h2 id="declines-title" className="panel-title">
        Decline reasons
      </h2>
      <ul className="bars">
        {sorted.map((r) => (
          <li key={r.reason} className="bar-row" data-reason={r.reason}>
            <span className="bar-label">{declineLabel[r.reason]}</span>
            <span className="bar-track">
              <span className={r.reason === 'not_asked' ? 'bar-fill is-warn' : 'bar-fill'} style={{ width: `${total ? (r.count / total) * 100 : 0}%` }} />
            </span>
            <span className="bar-value" data-testid="decline-count">
              {count.format(r.count)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const PURPOSES: ConsentPurpose[] = ['receipts', 'marketing', 'personalization'];

export function OptInRates({ totals }: { totals: CaptureReport['totals'] }) {
  const optedIn: Record<ConsentPurpose, number> = {
    receipts: totals.receiptsOptIn,
    marketing: totals.marketingOptIn,
    personalization: totals.personalizationOptIn,
  };
  return (
    <section className="panel" aria-labelledby="optin-title" data-testid="opt-in-rates">
      <h2 id="optin-title" className="panel-title">
        Opt-in rate by purpose
      </h2>
      <ul className="bars">
        {PURPOSES.map((p) => {
          const rate = optInRate(optedIn[p], totals);
          return (
            <li key={p} className="bar-row" data-purpose={p}>
              <span className="bar-label">{purposeLabel[p]}</span>
              <span className="bar-track">
                <span className="bar-fill is-brand" style={{ width: `${(rate ?? 0) * 100}%` }} />
              </span>
              <span className="bar-value" data-testid="opt-in-rate">
                {formatRate(rate)}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="panel-foot">Of {count.format(totals.captured)} addresses captured</p>
    </section>
  );
}
