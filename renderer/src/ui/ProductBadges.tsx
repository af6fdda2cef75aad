// Stock, "New" and "Clearance" for one product: the same badges in the basket and on starters.
import type { StarterProduct } from '../../../core/contract/index';
import { stockLabel } from '../format/stock';
import { formatAbsolute, formatClock } from '../format/time';
import { Icon } from './Icon';

export function StockBadge({ product }: { product: Pick<StarterProduct, 'availableHere' | 'elsewhere'> }) {
  const { tone, text } = stockLabel(product);
  return (
    <span className={`badge stock-badge stock-${tone}`} data-testid="stock-badge" data-tone={tone}>
      {tone === 'warn' ? <Icon name="truck" size={14} /> : <span className="stock-dot" aria-hidden="true" />}
      {text}
    </span>
  );
}

export function ProductBadges({ product }: { product: StarterProduct }) {
  return (
    <span className="product-badges">
      <StockBadge product={product} />
      {product.stockAsOf ? (
        <span className="badge stock-as-of" data-testid="stock-as-of" title={`Last stock count from the hub: ${formatAbsolute(product.stockAsOf)}`}>
          stock as of {formatClock(product.stockAsOf)}
        </span>
      ) : null}
      {product.isNew ? <span className="badge badge-new">New</span> : null}
      {product.isClearance ? <span className="badge badge-clearance">Clearance</span> : null}
    </span>
  );
}
