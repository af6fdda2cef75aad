// Other profiles that share an email, phone or loyalty id: probably the same person.
// Listed so the associate can check, never merged silently.
import type { CustomerSummary } from '../../../../../core/contract/index';
import { matchedByLabel } from '../../../format/labels';
import { maskEmail } from '../../../format/mask';
import { Icon } from '../../../ui/Icon';
import { RelativeTime } from '../../../ui/RelativeTime';
import { SegmentBadge } from '../../../ui/SegmentBadge';

export function DuplicatesCallout({ duplicates, onOpen }: { duplicates: CustomerSummary[]; onOpen: (id: string) => void }) {
  const many = duplicates.length > 1;
  return (
    <section className="callout-duplicates" data-testid="duplicates" aria-labelledby="dup-title">
      <div className="callout-head">
        <Icon name="copy" size={22} />
        <div>
          <h2 id="dup-title" className="callout-title">
            {many ? `${duplicates.length} possible duplicate profiles` : 'Possible duplicate profile'}
          </h2>
          <p className="callout-text">
            {many ? 'These profiles share' : 'This profile shares'} contact details with this customer. Ask the
            customer before you treat them as the same person.
          </p>
        </div>
      </div>
      <ul className="dup-list">
        {duplicates.map((d) => (
          <li key={d.id}>
            <button type="button" className="dup-row" data-testid="duplicate-row" onClick={() => onOpen(d.id)}>
              <span className="dup-name">{d.name}</span>
              <span className="dup-why">Same {matchedByLabel[d.matchedBy].toLowerCase()}</span>
              <span className="dup-contact">{d.email ? maskEmail(d.email) : (d.city ?? '')}</span>
              <SegmentBadge segment={d.segment} />
              <span className="dup-visit">
                <RelativeTime iso={d.lastOrderAt} fallback="No visits" />
              </span>
              <span className="dup-open">
                Open <Icon name="chevron" size={18} />
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
