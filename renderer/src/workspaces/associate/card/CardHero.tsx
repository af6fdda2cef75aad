import type { CustomerCard } from '../../../../../core/contract/index';
import { segmentHint } from '../../../format/labels';
import { formatAbsolute, formatMonthYear } from '../../../format/time';
import { Avatar } from '../../../ui/Avatar';
import { Notice } from '../../../ui/Notice';
import { SegmentBadge } from '../../../ui/SegmentBadge';

export function CardHero({ card }: { card: CustomerCard }) {
  return (
    <header className="panel card-hero">
      <Avatar name={card.name} size="xl" />
      <div className="card-hero-text">
        <div className="card-hero-title">
          <h1 className="card-name" data-testid="card-name">
            {card.name}
          </h1>
          <SegmentBadge segment={card.segment} size="lg" />
        </div>
        <p className="card-hero-meta">
          <span title={formatAbsolute(card.customerSince)}>Customer since {formatMonthYear(card.customerSince)}</span>
          {card.homeStoreName ? <span>Home store {card.homeStoreName}</span> : null}
        </p>
        <p className="card-hero-hint">{segmentHint[card.segment]}</p>
      </div>
      {card.status === 'suppressed' ? (
        <Notice tone="warning" title="Contact suppressed">
          Do not ask this customer to sign up for messages.
        </Notice>
      ) : null}
    </header>
  );
}
