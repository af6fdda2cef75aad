// The product sheet: price, stock at every location with delivery times, the other sizes and
// colours of the line, and the way into a ship-to-home order.
import { useEffect, useRef } from 'react';
import type { SourceStock, VariantOption } from '../../../../../core/contract/index';
import { formatMoney } from '../../../format/money';
import { Icon } from '../../../ui/Icon';
import { Notice } from '../../../ui/Notice';
import { days, sourceLabel } from './availability';
import { InventoryAgeNote } from './InventoryAgeNote';
import { OrderForm } from './OrderForm';
import { PlacedOrder } from './PlacedOrder';
import { useSheetStore } from './sheetStore';
import { Swatch } from './Swatch';

export function ProductSheetPanel() {
  const { sheet, status, error, step, placed, open, close, startOrder } = useSheetStore();
  const panel = useRef<HTMLDivElement>(null);
  // A new item or step starts at the top of the sheet, not where the last one was scrolled to.
  useEffect(() => {
    if (panel.current) panel.current.scrollTop = 0;
  }, [step, sheet?.product.sku]);
  if (status === 'error' && error) {
    return (
      <aside className="sheet" data-testid="product-sheet">
        <SheetClose onClose={close} />
        <div className="sheet-body">
          <Notice tone="error" title={error.message} />
        </div>
      </aside>
    );
  }
  if (!sheet) {
    return <aside className="sheet is-loading" data-testid="product-sheet" aria-busy="true" />;
  }
  const p = sheet.product;
  const orderable = sheet.stock.some((s) => s.available > 0);
  return (
    <aside className={step === 'order' ? 'sheet is-ordering' : 'sheet'} data-testid="product-sheet" data-sku={p.sku} aria-labelledby="sheet-title">
      <SheetClose onClose={close} />
      {/* The body scrolls above the sheet's action, never under it. */}
      <div className="sheet-body" ref={panel}>
        <header className="sheet-head">
          <Swatch color={p.color} fallback={p.categoryName} size="lg" />
          <div className="sheet-head-text">
            <p className="sheet-brand">{p.brand || p.categoryName}</p>
            <h2 id="sheet-title" className="sheet-title">
              {p.title}
            </h2>
            <p className="sheet-meta">
              {p.categoryPath} · <span className="mono">{p.sku}</span>
            </p>
          </div>
        </header>
        <p className="sheet-price">
          {p.compareAtCents ? <s className="aisle-was">{formatMoney(p.compareAtCents)}</s> : null}
          {formatMoney(p.priceCents)}
          {p.isClearance ? <span className="badge badge-clearance">Clearance</span> : null}
        </p>

        {step === 'placed' && placed ? (
          <PlacedOrder order={placed} />
        ) : step === 'order' ? (
          <OrderForm sheet={sheet} />
        ) : (
          <>
            {sheet.variants.length > 1 ? <Variants variants={sheet.variants} current={p.sku} onPick={(sku) => void open(sku)} /> : null}
            <section className="sheet-section" aria-labelledby="sheet-stock">
              <div className="sheet-section-head">
                <h3 id="sheet-stock" className="sheet-section-title">
                  Where it is
                </h3>
                <InventoryAgeNote inventory={sheet.inventory} />
              </div>
              <StockList stock={sheet.stock} />
            </section>
          </>
        )}
      </div>
      {!(step === 'placed' && placed) && step !== 'order' ? (
        <div className="sheet-actions">
          <button type="button" className="button button-primary button-lg sheet-order" disabled={!orderable} onClick={startOrder}>
            <Icon name="truck" size={20} /> Ship to customer’s home
          </button>
          {!orderable ? <p className="sheet-hint">No location has one to spare right now.</p> : null}
        </div>
      ) : null}
    </aside>
  );
}

function SheetClose({ onClose }: { onClose: () => void }) {
  return (
    <button type="button" className="sheet-close" aria-label="Close product" onClick={onClose}>
      <Icon name="close" size={22} />
    </button>
  );
}

function StockList({ stock }: { stock: readonly SourceStock[] }) {
  if (stock.length === 0) return <p className="sheet-hint">No location stocks this item.</p>;
  return (
    <ul className="stock-list" data-testid="stock-list">
      {stock.map((s) => (
        <li key={s.locationId} className={s.available > 0 ? 'stock-row' : 'stock-row is-empty'} data-location={s.locationId}>
          <span className={`stock-kind kind-${s.isHere ? 'here' : s.kind}`}>{s.isHere ? 'Here' : s.kind === 'dc' ? 'DC' : s.kind === 'partner' ? 'Partner' : 'Store'}</span>
          <span className="stock-name">{sourceLabel(s)}</span>
          <span className="stock-qty">{s.available > 0 ? `${s.available} available` : 'None'}</span>
          <span className="stock-lead">{days(s.leadTimeDays)}</span>
        </li>
      ))}
    </ul>
  );
}

function Variants({ variants, current, onPick }: { variants: readonly VariantOption[]; current: string; onPick: (sku: string) => void }) {
  const here = variants.find((v) => v.sku === current)!;
  const colours = [...new Set(variants.map((v) => v.color).filter((c): c is string => !!c))];
  const sizes = [...new Set(variants.map((v) => v.size).filter((s): s is string => !!s))];
  // The closest variant with that colour (or size), keeping the other choice when possible.
  const pick = (color: string | null, size: string | null) =>
    variants.find((v) => v.color === color && v.size === size) ?? variants.find((v) => (color ? v.color === color : v.size === size));
  return (
    <section className="sheet-section" aria-label="Other sizes and colours" data-testid="variants">
      {colours.length > 1 ? (
        <div className="variant-row">
          <span className="variant-label">Colour · {here.color}</span>
          <div className="variant-options">
            {colours.map((c) => {
              const v = pick(c, here.size);
              return (
                <button key={c} type="button" className={c === here.color ? 'variant-swatch is-selected' : 'variant-swatch'} aria-label={c} aria-pressed={c === here.color} title={c} onClick={() => v && onPick(v.sku)}>
                  <Swatch color={c} fallback={c} size="sm" />
                </button>
              );
            })}
          </div>
        </div>
      ) : null}
      {sizes.length > 1 ? (
        <div className="variant-row">
          <span className="variant-label">Size · {here.size}</span>
          <div className="variant-options">
            {sizes.map((s) => {
              const v = pick(here.color, s);
              const exact = variants.find((x) => x.color === here.color && x.size === s);
              return (
                <button
                  key={s}
                  type="button"
                  className={[s === here.size ? 'variant-size is-selected' : 'variant-size', exact && !exact.orderable ? 'is-unavailable' : ''].join(' ')}
                  aria-pressed={s === here.size}
                  onClick={() => v && onPick(v.sku)}
                >
                  {s}
                </button>
              );
            })}
          </div>
        </div>
      ) : null}
    </section>
  );
}
