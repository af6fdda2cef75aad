// The numbers an associate glances at: value, frequency, rhythm, risk of losing them.
import type { CustomerCard } from '../../../../../core/contract/index';
import { formatMoney, formatMoneyWhole, formatPercent } from '../../../format/money';
import { formatGap } from '../../../format/time';
import { RelativeTime } from '../../../ui/RelativeTime';

function churnLevel(risk: number): { label: string; tone: string } {
  if (risk >= 0.6) return { label: 'High', tone: 'bad' };
  if (risk >= 0.3) return { label: 'Medium', tone: 'warn' };
  return { label: 'Low', tone: 'good' };
}

export function KeyFigures({ card }: { card: CustomerCard }) {
  const churn = churnLevel(card.churnRisk);
  return (
    <dl className="figures" data-testid="key-figures">
      <div className="figure">
        <dt>Lifetime value</dt>
        <dd className="figure-value" title={formatMoney(card.lifetimeValueCents)}>
          {formatMoneyWhole(card.lifetimeValueCents)}
        </dd>
      </div>
      <div className="figure">
        <dt>Orders</dt>
        <dd className="figure-value">{card.orderCount}</dd>
      </div>
      <div className="figure">
        <dt>Average order</dt>
        <dd className="figure-value">{formatMoney(card.averageOrderCents)}</dd>
        {card.discountShare > 0 ? <dd className="figure-note">{formatPercent(card.discountShare)} on promotion</dd> : null}
      </div>
      <div className="figure">
        <dt>Last visit</dt>
        <dd className="figure-value figure-value-text">
          <RelativeTime iso={card.lastOrderAt} fallback="Never" />
        </dd>
      </div>
      <div className="figure">
        <dt>Visits every</dt>
        <dd className="figure-value figure-value-text">{card.usualGapDays === null ? '—' : formatGap(card.usualGapDays)}</dd>
      </div>
      <div className="figure">
        <dt>Churn risk</dt>
        <dd className={`figure-value figure-value-text tone-text-${churn.tone}`}>
          {churn.label} <span className="figure-unit">{formatPercent(card.churnRisk)}</span>
        </dd>
        <dd className="meter" aria-hidden="true">
          <span className={`meter-fill tone-bg-${churn.tone}`} style={{ width: formatPercent(card.churnRisk) }} />
        </dd>
      </div>
    </dl>
  );
}
