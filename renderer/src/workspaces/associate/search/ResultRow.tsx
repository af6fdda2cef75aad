// One result: swatch, title, what tells it from its siblings (size, colour), brand and
// category, price, where it can come from. The variant comes first in its line and is never cut;
// the brand is never cut either, and is not repeated when the title already opens with it.
import type { SearchHit } from '../../../../../core/contract/index';
import { formatMoney } from '../../../format/money';
import { Icon } from '../../../ui/Icon';
import { AvailabilityBadges } from './AvailabilityBadges';
import { Swatch } from './Swatch';

export function ResultRow({ hit, selected, onOpen }: { hit: SearchHit; selected: boolean; onOpen: () => void }) {
  const brandInTitle = hit.brand !== '' && hit.title.toLowerCase().startsWith(hit.brand.toLowerCase());
  return (
    <button
      type="button"
      className={selected ? 'aisle-row is-selected' : 'aisle-row'}
      onClick={onOpen}
      data-testid="search-result"
      data-sku={hit.sku}
      aria-current={selected || undefined}
    >
      <Swatch color={hit.color} fallback={hit.categoryName} />
      <span className="aisle-row-main">
        <span className="aisle-row-title">
          {brandInTitle ? (
            <>
              <span data-field="brand">{hit.brand}</span>
              {hit.title.slice(hit.brand.length)}
            </>
          ) : (
            hit.title
          )}
        </span>
        <span className="aisle-row-meta">
          {hit.size || hit.color ? (
            <span className="aisle-row-variant" data-testid="search-result-variant">
              {hit.size ? <span data-field="size">{hit.size}</span> : null}
              {hit.size && hit.color ? ' · ' : null}
              {hit.color ? <span data-field="color">{hit.color}</span> : null}
            </span>
          ) : null}
          {hit.brand && !brandInTitle ? <span className="aisle-row-brand" data-field="brand">{hit.brand}</span> : null}
          <span>{hit.categoryName}</span>
          <span className="aisle-row-sku">{hit.sku}</span>
        </span>
      </span>
      <span className="aisle-row-side">
        <span className="aisle-row-price">
          {hit.compareAtCents ? <s className="aisle-was">{formatMoney(hit.compareAtCents)}</s> : null}
          {formatMoney(hit.priceCents)}
        </span>
        <AvailabilityBadges availableHere={hit.availableHere} sources={hit.sources} />
      </span>
      <Icon name="chevron" size={20} className="aisle-row-chevron" />
    </button>
  );
}
