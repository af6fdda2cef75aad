// The customer search at checkout: what was typed, how to read it, and what came back.
import { create } from 'zustand';
import { api } from '../bridge';
import type { ApiErrorValue, ApiInput, LookupResult, VisitingLookupResult } from '../../../core/contract/index';
import { followSessionLoss } from './sessionGuard';

export type LookupKind = NonNullable<ApiInput<'customers.lookup'>['kind']>;

interface LookupState {
  query: string;
  kind: LookupKind;
  status: 'idle' | 'searching' | 'done' | 'error';
  result: LookupResult | null;
  /** Other stores, asked through the hub when this store has nobody with that exact key. */
  visiting: VisitingLookupResult | null;
  error: ApiErrorValue | null;
  /** The text the shown result (or error) belongs to. */
  searched: string;

  setQuery(query: string): void;
  /** Changing the kind re-runs a search already made, so the chip answers at once. */
  setKind(kind: LookupKind): void;
  search(): Promise<void>;
  /** Empties the field and the results, keeping the chosen kind. */
  clear(): void;
  /** Back to a blank lookup (e.g. at logout). */
  reset(): void;
}

const initial = {
  query: '',
  kind: 'auto' as LookupKind,
  status: 'idle' as const,
  result: null,
  visiting: null,
  error: null,
  searched: '',
};

// Only the newest request may write its answer: a slow early reply must not
// overwrite the answer to what the associate typed last.
let latestRequest = 0;

export const useLookupStore = create<LookupState>()((set, get) => ({
  ...initial,

  setQuery(query) {
    set({ query });
  },

  setKind(kind) {
    set({ kind });
    if (get().searched) void get().search();
  },

  async search() {
    const { query, kind } = get();
    if (!query.trim()) {
      set({ status: 'idle', result: null, error: null, searched: '' });
      return;
    }
    const request = ++latestRequest;
    set({ status: 'searching', visiting: null });
    const result = await api.call('customers.lookup', { query, kind });
    if (request !== latestRequest) return;
    if (result.ok) {
      set({ status: 'done', result: result.value, error: null, searched: query });
      // Nobody here with that key: a customer of another store may be shopping here today.
      if (result.value.matches.length === 0 && result.value.interpretedAs !== 'name') {
        const asked = await api.call('customers.lookupVisiting', { query, kind: result.value.interpretedAs });
        if (request === latestRequest && asked.ok) set({ visiting: asked.value });
      }
    } else {
      set({ status: 'error', result: null, error: result.error, searched: query });
      followSessionLoss(result.error);
    }
  },

  clear() {
    latestRequest++;
    set({ query: '', status: 'idle', result: null, visiting: null, error: null, searched: '' });
  },

  reset() {
    latestRequest++;
    set(initial);
  },
}));
