// Facet chips: tap to narrow, tap again to widen. Counts say what a chip would leave.
// One line of group buttons; the chips of one group at a time open below it, wrapped, so the
// results keep the screen and nothing scrolls sideways on a tablet.
import { useState } from 'react';
import type { FacetValue, SearchFacets, SearchFilters } from '../../../../../core/contract/index';
import { Icon } from '../../../ui/Icon';
import { useSearchStore } from './searchStore';

const GROUPS: ReadonlyArray<{ name: keyof SearchFilters & keyof SearchFacets; label: string }> = [
  { name: 'availability', label: 'Available' },
  { name: 'category', label: 'Category' },
  { name: 'brand', label: 'Brand' },
  { name: 'price', label: 'Price' },
];

export function FacetBar({ facets, atLeast }: { facets: SearchFacets; atLeast: boolean }) {
  const { filters, setFilter, clearFilters } = useSearchStore();
  const chosen = Object.keys(filters).length;
  const [open, setOpen] = useState<(typeof GROUPS)[number]['name'] | null>(null);
  const shown = GROUPS.filter(({ name }) => facets[name].length > 0);
  return (
    <div className="facets" data-testid="facets">
      <div className="facet-groups">
        {shown.map(({ name, label }) => {
          const picked = facets[name].find((v) => v.value === filters[name]);
          return (
            <button
              key={name}
              type="button"
              className={picked ? 'facet-toggle is-filtered' : 'facet-toggle'}
              aria-expanded={open === name}
              aria-controls={`facet-${name}`}
              data-facet-toggle={name}
              onClick={() => setOpen(open === name ? null : name)}
            >
              {label}
              {picked ? <span className="facet-toggle-value">: {picked.label}</span> : null}
              <Icon name="chevron" size={16} className="facet-toggle-mark" />
            </button>
          );
        })}
        {chosen > 0 ? (
          <button type="button" className="button button-ghost facet-reset" onClick={clearFilters}>
            Clear {chosen === 1 ? 'filter' : `${chosen} filters`}
          </button>
        ) : null}
      </div>
      {shown.map(({ name, label }) =>
        (
          <div key={name} id={`facet-${name}`} className="facet-row" role="group" aria-label={label} data-facet={name} hidden={open !== name}>
            <div className="facet-chips">
              {facets[name].map((v) => (
                <FacetChip key={v.value} value={v} atLeast={atLeast} selected={filters[name] === v.value} onToggle={(on) => setFilter(name, on ? (v.value as never) : undefined)} />
              ))}
            </div>
          </div>
        ),
      )}
    </div>
  );
}

function FacetChip({ value, selected, atLeast, onToggle }: { value: FacetValue; selected: boolean; atLeast: boolean; onToggle: (on: boolean) => void }) {
  return (
    <button
      type="button"
      className={selected ? 'facet-chip is-selected' : 'facet-chip'}
      aria-pressed={selected}
      data-value={value.value}
      onClick={() => onToggle(!selected)}
    >
      <span className="facet-chip-label">{value.label}</span>
      <span className="facet-chip-count" title={atLeast ? 'Counted among the best matches; there may be more' : undefined}>
        {value.count}
        {atLeast ? '+' : ''}
      </span>
      {selected ? <Icon name="close" size={14} /> : null}
    </button>
  );
}
