// Endless aisle: search the whole assortment as you type, narrow by facets, open an item and
// ship it to the customer's home. My orders sit in the rail while no item is open.
import type { SearchResult } from '../../../../../core/contract/index';
import { Notice } from '../../../ui/Notice';
import { AisleSearchBox } from './AisleSearchBox';
import { FacetBar } from './FacetBar';
import { InventoryAgeNote } from './InventoryAgeNote';
import { OrdersPanel } from './OrdersPanel';
import { ProductSheetPanel } from './ProductSheet';
import { ResultList } from './ResultList';
import { useSearchStore } from './searchStore';
import { useSheetStore } from './sheetStore';

export function SearchWorkspace() {
  const { status, result, error, searched, query } = useSearchStore();
  const sheetOpen = useSheetStore((s) => s.status !== 'closed');
  const selectedSku = useSheetStore((s) => s.sku);
  const openSheet = useSheetStore((s) => s.open);

  return (
    <div className="aisle">
      <section className="aisle-main" aria-labelledby="aisle-title">
        <header className="aisle-head">
          <h1 id="aisle-title" className="page-title">
            Endless aisle
          </h1>
          <p className="page-subtitle">Everything the chain sells: here, other stores, the DC and partners.</p>
        </header>
        <AisleSearchBox />
        <div className="aisle-body" data-testid="search-body" data-state={status} data-searched={searched}>
          {status === 'error' && error ? (
            <Notice tone="error" title={error.message} testId="search-error">
              {error.code === 'transport' ? 'The search was not sent. Try again in a moment.' : 'Check what was typed and try again.'}
            </Notice>
          ) : null}
          {result && query.trim() ? (
            <>
              <SearchSummary result={result} />
              <FacetBar facets={result.facets} atLeast={result.facetsCapped} />
              {result.results.length === 0 ? (
                <Notice tone="info" title="Nothing matches" testId="search-empty">
                  Try fewer words, another spelling, or take a filter off.
                </Notice>
              ) : (
                <ResultList hits={result.results} selectedSku={selectedSku} onOpen={(sku) => void openSheet(sku)} />
              )}
            </>
          ) : status !== 'error' ? (
            <SearchEmptyState />
          ) : null}
        </div>
      </section>
      <div className="aisle-rail">{sheetOpen ? <ProductSheetPanel /> : <OrdersPanel />}</div>
    </div>
  );
}

function SearchSummary({ result }: { result: SearchResult }) {
  const n = result.total;
  return (
    <div className="aisle-summary" data-testid="search-summary">
      <span className="aisle-count" data-testid="search-count">
        {n === 0 ? 'No items' : `${n}${result.capped ? '+' : ''} ${n === 1 ? 'item' : 'items'}`}
      </span>
      {result.corrections.length > 0 ? (
        <span className="aisle-correction" data-testid="search-correction">
          Showing results for{' '}
          {result.corrections.map((c, i) => (
            <span key={c.from}>
              {i > 0 ? ', ' : ''}
              <strong>{c.to}</strong> <span className="muted">(typed “{c.from}”)</span>
            </span>
          ))}
        </span>
      ) : null}
      {result.broadened ? <span className="aisle-correction">No item has every word; showing items with some of them.</span> : null}
      <span className="statusbar-spacer" />
      <InventoryAgeNote inventory={result.inventory} />
    </div>
  );
}

function SearchEmptyState() {
  return (
    <div className="aisle-empty" data-testid="search-idle">
      <p className="aisle-empty-title">Find anything the chain sells</p>
      <p className="aisle-empty-text">
        Type a couple of words — a typo is fine. Results show what is on the shelf here and how fast anything else can reach the
        customer’s home.
      </p>
      <ul className="aisle-tips">
        <li>
          <strong>tnet</strong> finds tents
        </li>
        <li>
          <strong>tee</strong> finds t-shirts
        </li>
        <li>
          <strong>rain jack</strong> finds rain jackets as you type
        </li>
      </ul>
    </div>
  );
}
