import type { SourceStock } from '../../../../../core/contract/index';
import { Icon } from '../../../ui/Icon';
import { availabilityBadges } from './availability';

export function AvailabilityBadges({ availableHere, sources }: { availableHere: number; sources: readonly SourceStock[] }) {
  return (
    <span className="aisle-badges">
      {availabilityBadges(availableHere, sources).map((b) => (
        <span key={b.key} className={`badge avail-badge avail-${b.tone}`} data-testid="availability-badge" data-kind={b.key}>
          {b.tone === 'good' || b.tone === 'bad' ? <span className="stock-dot" aria-hidden="true" /> : <Icon name="truck" size={14} />}
          {b.text}
        </span>
      ))}
    </span>
  );
}
