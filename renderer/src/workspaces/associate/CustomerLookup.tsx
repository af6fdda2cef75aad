// The search screen at checkout.
import { useBasketStore } from '../../stores/basketStore';
import { useCardStore } from '../../stores/cardStore';
import { useLookupStore } from '../../stores/lookupStore';
import { Notice } from '../../ui/Notice';
import { KindChips } from './KindChips';
import { LookupEmptyState } from './LookupEmptyState';
import { LookupHint } from './LookupHint';
import { ResultRow } from './ResultRow';
import { SearchField } from './SearchField';
import { VisitingCustomer } from './VisitingCustomer';
import { StartersSection } from './starters/StartersSection';

export function CustomerLookup() {
  const { query, kind, status, result, visiting, error, searched, setQuery, setKind, search, clear } = useLookupStore();
  const openCard = useCardStore((s) => s.open);
  const basketSize = useBasketStore((s) => s.lines.length);

  return (
    <section className="page lookup" aria-labelledby="lookup-title">
      <header className="page-head">
        <h1 id="lookup-title" className="page-title">
          Find a customer
        </h1>
        <p className="page-subtitle">Look them up before you ring up the sale.</p>
      </header>

      <div className="lookup-controls">
        <SearchField value={query} kind={kind} busy={status === 'searching'} onChange={setQuery} onSubmit={() => void search()} onClear={clear} />
        <KindChips value={kind} onChange={setKind} />
      </div>

      {/* A walk-in (no customer looked up): suggestions from the basket alone. */}
      {basketSize > 0 ? (
        <div className="lookup-starters">
          <StartersSection audience={{ kind: 'walk-in', basketSize }} />
        </div>
      ) : null}

      <div className="lookup-body" aria-live="polite" data-testid="lookup-body" data-state={status} data-searched={searched}>
        {status === 'error' && error ? (
          <Notice tone="error" title={error.message} testId="lookup-error">
            {error.code === 'transport'
              ? 'Your search was not sent. Try again in a moment.'
              : `Nothing was searched for “${searched}”. Check what was typed, or pick how to read it above.`}
          </Notice>
        ) : null}

        {result ? (
          <>
            <LookupHint result={result} elsewhere={result.matches.length === 0 && visiting?.status === 'found'} />
            {result.matches.length === 0 && visiting?.status === 'found' ? <VisitingCustomer visiting={visiting} /> : null}
            {result.matches.length === 0 && visiting?.status !== 'found' ? (
              <>
                <Notice tone="info" title="No customer found" testId="lookup-empty">
                  Check the spelling with the customer, or try another way: phone, loyalty ID or name.
                </Notice>
                {visiting ? <VisitingCustomer visiting={visiting} /> : null}
              </>
            ) : null}
            {result.matches.length === 0 ? null : (
              <ul className="results" aria-label="Matching customers">
                {result.matches.map((c) => (
                  <li key={c.id}>
                    <ResultRow customer={c} onOpen={(id) => void openCard(id)} />
                  </li>
                ))}
              </ul>
            )}
            {result.truncated ? (
              <p className="lookup-more">Showing the first {result.matches.length}. Add more of the name to narrow it down.</p>
            ) : null}
          </>
        ) : null}

        {status === 'idle' ? <LookupEmptyState /> : null}
      </div>
    </section>
  );
}
