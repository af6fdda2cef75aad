// "Today's basket": what the customer is buying, scanned (a POS scanner types the SKU and
// presses Enter) or typed. Starters follow the basket; it is kept while moving between the
// lookup and the card, with or without a customer.
import { useRef, useState } from 'react';
import { basketTotalCents, useBasketStore } from '../../../stores/basketStore';
import { formatMoney } from '../../../format/money';
import { Icon } from '../../../ui/Icon';
import { Notice } from '../../../ui/Notice';
import { BasketLineRow } from './BasketLineRow';
import { FinishSaleButton } from '../capture/FinishSaleButton';

export function BasketPanel() {
  const { lines, pending, error, lastTouched, scan, setQuantity, remove, dismissError, clear } = useBasketStore();
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const items = lines.reduce((n, l) => n + l.quantity, 0);

  const submit = () => {
    const sku = value.trim();
    if (!sku) return;
    setValue(''); // ready for the next scan at once; the lookup runs behind
    void scan(sku);
    input.current?.focus();
  };

  return (
    <aside className="basket" aria-labelledby="basket-title" data-testid="basket" data-pending={pending.length}>
      <header className="basket-head">
        <span className="basket-head-icon">
          <Icon name="bag" size={20} />
        </span>
        <h2 id="basket-title" className="basket-title">
          Today’s basket
        </h2>
        <span className="basket-count" data-testid="basket-count">
          {items === 0 ? 'Empty' : `${items} ${items === 1 ? 'item' : 'items'}`}
        </span>
      </header>

      <form
        className="scan"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="scan-box">
          <Icon name="scan" size={22} className="scan-icon" />
          <span className="visually-hidden">Scan or type a SKU</span>
          <input
            ref={input}
            className="scan-input"
            type="text"
            name="sku"
            placeholder="Scan or type a SKU"
            value={value}
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            enterKeyHint="done"
            onChange={(e) => {
              setValue(e.target.value);
              if (error) dismissError();
            }}
          />
        </label>
        <button type="submit" className="button button-primary scan-add" disabled={!value.trim()}>
          Add
        </button>
      </form>

      {error ? (
        <div className="basket-error">
          <Notice tone="error" title={error.error.message} testId="basket-error">
            {error.error.code === 'not_found'
              ? 'Check the code on the tag, or scan the item again.'
              : error.error.code === 'transport'
                ? 'The item was not added. Try again in a moment.'
                : 'The item was not added.'}
          </Notice>
        </div>
      ) : null}

      {lines.length === 0 && pending.length === 0 ? (
        <div className="basket-empty">
          <p className="basket-empty-title">Nothing scanned yet</p>
          <p className="basket-empty-text">Scan items as they reach the counter. Suggestions follow what is in the basket.</p>
        </div>
      ) : (
        <ul className="basket-lines" aria-label="Items in the basket">
          {lines.map((line) => (
            <BasketLineRow
              key={line.product.sku}
              line={line}
              highlighted={line.product.sku === lastTouched}
              onQuantity={(q) => setQuantity(line.product.sku, q)}
              onRemove={() => remove(line.product.sku)}
            />
          ))}
          {pending.map((sku, i) => (
            <li key={`pending-${i}`} className="basket-line is-pending" aria-label={`Looking up ${sku}`}>
              <span className="basket-pending-text">Looking up {sku}…</span>
            </li>
          ))}
        </ul>
      )}

      {lines.length > 0 ? (
        <footer className="basket-foot">
          <span className="basket-total">
            <span className="basket-total-label">Subtotal</span>
            <span className="basket-total-value" data-testid="basket-total">
              {formatMoney(basketTotalCents(lines))}
            </span>
          </span>
          <button type="button" className="button button-ghost basket-clear" onClick={clear}>
            Clear basket
          </button>
          <FinishSaleButton />
        </footer>
      ) : null}
    </aside>
  );
}
