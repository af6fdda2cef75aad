// One line of the basket: the item, its stock here, how many, and a way out.
import type { BasketLine } from '../../../stores/basketStore';
import { MAX_QUANTITY } from '../../../stores/basketStore';
import { formatMoney } from '../../../format/money';
import { Icon } from '../../../ui/Icon';
import { ProductBadges } from '../../../ui/ProductBadges';

interface BasketLineRowProps {
  line: BasketLine;
  highlighted: boolean;
  onQuantity: (quantity: number) => void;
  onRemove: () => void;
}

export function BasketLineRow({ line, highlighted, onQuantity, onRemove }: BasketLineRowProps) {
  const { product, quantity } = line;
  return (
    <li className={highlighted ? 'basket-line is-new' : 'basket-line'} data-testid="basket-line" data-sku={product.sku}>
      <div className="basket-line-top">
        <span className="basket-line-text">
          <span className="basket-line-title">{product.title}</span>
          <span className="basket-line-meta">
            {product.brand} · <span className="basket-line-sku">{product.sku}</span>
          </span>
        </span>
        <span className="basket-line-price" data-testid="basket-line-price">
          {formatMoney(product.priceCents * quantity)}
          {quantity > 1 ? <span className="basket-line-unit">{formatMoney(product.priceCents)} each</span> : null}
        </span>
      </div>
      <ProductBadges product={product} />
      <div className="basket-line-controls">
        <span className="stepper" role="group" aria-label={`Quantity of ${product.title}`}>
          <button
            type="button"
            className="stepper-button"
            aria-label="One fewer"
            disabled={quantity <= 1}
            onClick={() => onQuantity(quantity - 1)}
          >
            <Icon name="minus" size={18} />
          </button>
          <span className="stepper-value" data-testid="basket-line-quantity" aria-live="polite">
            {quantity}
          </span>
          <button
            type="button"
            className="stepper-button"
            aria-label="One more"
            disabled={quantity >= MAX_QUANTITY}
            onClick={() => onQuantity(quantity + 1)}
          >
            <Icon name="plus" size={18} />
          </button>
        </span>
        <button type="button" className="button button-ghost basket-remove" aria-label={`Remove ${product.title}`} onClick={onRemove}>
          <Icon name="trash" size={18} /> Remove
        </button>
      </div>
    </li>
  );
}
