// The results, virtualized: only the rows on screen are in the DOM, so a long list scrolls
// as smoothly as a short one on a register tablet.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { SearchHit } from '../../../../../core/contract/index';
import { ResultRow } from './ResultRow';

// Five rows fit the list at 1024×768 (issue 19).
const ROW_HEIGHT = 80;

export function ResultList({ hits, selectedSku, onOpen }: { hits: readonly SearchHit[]; selectedSku: string | null; onOpen: (sku: string) => void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: hits.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (i) => hits[i]!.sku,
  });

  return (
    <div className="aisle-list" ref={scroller} data-testid="search-results" role="list" aria-label="Matching items">
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((row) => {
          const hit = hits[row.index]!;
          return (
            <div key={row.key} role="listitem" className="aisle-list-item" style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}>
              <ResultRow hit={hit} selected={hit.sku === selectedSku} onOpen={() => onOpen(hit.sku)} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
