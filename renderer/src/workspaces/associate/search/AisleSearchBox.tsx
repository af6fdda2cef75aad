// The search field: every keystroke shows at once; the search runs after a short pause.
import { useEffect, useRef } from 'react';
import { Icon } from '../../../ui/Icon';
import { useSearchStore } from './searchStore';

export function AisleSearchBox() {
  const { query, status, setQuery, searchNow, clear } = useSearchStore();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  return (
    <form
      className="search aisle-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        void searchNow();
      }}
    >
      <label className="search-box">
        <Icon name="search" size={26} className="search-icon" />
        <span className="visually-hidden">Search the whole assortment</span>
        <input
          ref={input}
          className="search-input"
          type="search"
          name="product-query"
          placeholder="Search every store, the DC and partners — e.g. rain jacket"
          value={query}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={200}
          enterKeyHint="search"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.preventDefault();
              clear();
            }
          }}
        />
        {status === 'searching' ? <span className="aisle-spinner" aria-label="Searching" role="status" /> : null}
        {query ? (
          <button
            type="button"
            className="search-clear"
            aria-label="Clear search"
            onClick={() => {
              clear();
              input.current?.focus();
            }}
          >
            <Icon name="close" size={22} />
          </button>
        ) : null}
      </label>
    </form>
  );
}
