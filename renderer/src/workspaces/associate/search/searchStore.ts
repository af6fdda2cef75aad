// Endless-aisle search: what is typed, the chosen facets, and the newest answer. Every keystroke
// updates the field at once; the search itself waits for a short pause in typing, and only the
// answer to the newest request is ever shown.
import { create } from 'zustand';
import { api } from '../../../bridge';
import type { ApiErrorValue, SearchFilters, SearchResult } from '../../../../../core/contract/index';
import { followSessionLoss } from '../../../stores/sessionGuard';

/** Long enough to skip the in-between words of a fast typist, short enough to feel instant. */
export const DEBOUNCE_MS = 120;

interface SearchState {
  query: string;
  filters: SearchFilters;
  status: 'idle' | 'searching' | 'done' | 'error';
  result: SearchResult | null;
  error: ApiErrorValue | null;
  /** The query the shown result belongs to. */
  searched: string;
  setQuery(query: string): void;
  setFilter<K extends keyof SearchFilters>(name: K, value: SearchFilters[K] | undefined): void;
  clearFilters(): void;
  /** Runs the current query now (Enter, or after an order changed stock). */
  searchNow(): Promise<void>;
  clear(): void;
  reset(): void;
}

const initial = { query: '', filters: {} as SearchFilters, status: 'idle' as const, result: null, error: null, searched: '' };

let latestRequest = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

export const useSearchStore = create<SearchState>()((set, get) => ({
  ...initial,

  setQuery(query) {
    set({ query });
    clearTimeout(timer);
    if (!query.trim()) {
      latestRequest++; // an answer still on its way is no longer wanted
      set({ status: 'idle', result: null, error: null, searched: '', filters: {} });
      return;
    }
    timer = setTimeout(() => void get().searchNow(), DEBOUNCE_MS);
  },

  setFilter(name, value) {
    const filters = { ...get().filters };
    if (value === undefined) delete filters[name];
    else filters[name] = value;
    set({ filters });
    void get().searchNow();
  },

  clearFilters() {
    set({ filters: {} });
    void get().searchNow();
  },

  async searchNow() {
    clearTimeout(timer);
    const { query, filters } = get();
    if (!query.trim()) return;
    const request = ++latestRequest;
    set({ status: 'searching' });
    const result = await api.call('search.products', { query, filters, limit: 200 });
    if (request !== latestRequest) return; // a newer keystroke has its own answer coming
    if (result.ok) set({ status: 'done', result: result.value, error: null, searched: query });
    else {
      set({ status: 'error', error: result.error, searched: query });
      followSessionLoss(result.error);
    }
  },

  clear() {
    clearTimeout(timer);
    latestRequest++;
    set(initial);
  },

  reset() {
    get().clear();
  },
}));
