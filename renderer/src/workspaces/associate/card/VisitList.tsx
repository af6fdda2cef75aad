import type { Visit } from '../../../../../core/contract/index';
import { visitChannelLabel } from '../../../format/labels';
import { formatMoney } from '../../../format/money';
import { RelativeTime } from '../../../ui/RelativeTime';

export function VisitList({ visits }: { visits: Visit[] }) {
  return (
    <section className="panel" aria-labelledby="visits-title">
      <h2 id="visits-title" className="panel-title">
        Recent visits
      </h2>
      {visits.length === 0 ? (
        <p className="muted">No visits yet.</p>
      ) : (
        <ul className="visit-list" data-testid="visits">
          {visits.map((v) => (
            <li key={v.orderId} className="visit-row">
              <span className="visit-when">
                <RelativeTime iso={v.placedAt} />
              </span>
              <span className="visit-where">
                <span className={`channel channel-${v.channel}`}>{visitChannelLabel[v.channel]}</span>
                {v.locationName ? <span className="muted"> · {v.locationName}</span> : null}
              </span>
              <span className="visit-items muted">
                {v.itemCount} {v.itemCount === 1 ? 'item' : 'items'}
              </span>
              <span className="visit-total">{formatMoney(v.totalCents)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
