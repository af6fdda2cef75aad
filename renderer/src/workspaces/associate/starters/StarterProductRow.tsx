// A product a starter is about: enough to walk to the shelf (or promise delivery).
import type { StarterProduct } from '../../../../../core/contract/index';
import { formatMoney } from '../../../format/money';
import { ProductBadges } from '../../../ui/ProductBadges';

export function StarterProductRow({ product }: { product: StarterProduct }) {
  return (
    <div className="starter-product" data-testid="starter-product" data-sku={product.sku}>
      <span className="starter-product-main">
        <span className="starter-product-title" title={product.title}>
          {product.title}
        </span>
        <ProductBadges product={product} />
      </span>
      <span className="starter-product-price">{formatMoney(product.priceCents)}</span>
    </div>
  );
}
