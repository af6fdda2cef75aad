// One customer in the results: enough to recognise them, contact details half-hidden
// because the screen faces a queue.
import type { CustomerSummary } from '../../../../core/contract/index';
import { formatLoyalty, maskEmail, maskPhone } from '../../format/mask';
import { Avatar } from '../../ui/Avatar';
import { Icon } from '../../ui/Icon';
import { RelativeTime } from '../../ui/RelativeTime';
import { SegmentBadge } from '../../ui/SegmentBadge';

export function ResultRow({ customer, onOpen }: { customer: CustomerSummary; onOpen: (id: string) => void }) {
  return (
    <button type="button" className="result-row" data-testid="result-row" onClick={() => onOpen(customer.id)}>
      <Avatar name={customer.name} size="md" />
      <span className="result-main">
        <span className="result-name">{customer.name}</span>
        <span className="result-contact">
          {customer.email ? (
            <span>
              <Icon name="mail" size={15} /> {maskEmail(customer.email)}
            </span>
          ) : null}
          {customer.phone ? (
            <span>
              <Icon name="phone" size={15} /> {maskPhone(customer.phone)}
            </span>
          ) : null}
          {customer.loyaltyId ? (
            <span>
              <Icon name="card" size={15} /> {formatLoyalty(customer.loyaltyId)}
            </span>
          ) : null}
        </span>
      </span>
      <span className="result-city">{customer.city ?? '—'}</span>
      <span className="result-segment">
        <SegmentBadge segment={customer.segment} />
      </span>
      <span className="result-visit">
        <span className="result-label">Last visit</span>
        <RelativeTime iso={customer.lastOrderAt} fallback="Never" />
      </span>
      <Icon name="chevron" size={22} className="result-chevron" />
    </button>
  );
}
