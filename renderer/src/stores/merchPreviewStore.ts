// Preview of the draft beside the published policy: a sample of customers (random, or one
// looked up) and the aggregate effect over a few thousand. The draft is saved first, because
// the device previews what it holds.
import { create } from 'zustand';
import { api } from '../bridge';
import type { ApiErrorValue, LookupResult, MerchPreview, PreviewAggregate } from '../../../core/contract/index';
import { followSessionLoss } from './sessionGuard';
import { useMerchDraftStore } from './merchDraftStore';

export type PreviewSampleChoice = { kind: 'random'; seed: string; size: number } | { kind: 'customer'; customerId: string; name: string };

/** Customers in the aggregate: enough for stable shares, quick enough to wait for. */
export const AGGREGATE_CUSTOMERS = 2000;

interface MerchPreviewState {
  sample: PreviewSampleChoice;
  status: 'idle' | 'running' | 'ready' | 'error';
  result: MerchPreview | null;
  /** Kept when a single customer is previewed, which skips the aggregate. */
  aggregate: PreviewAggregate | null;
  /** The draft revision the shown preview was made from. */
  revision: number | null;
  error: ApiErrorValue | null;

  lookup: { query: string; status: 'idle' | 'searching' | 'done' | 'error'; result: LookupResult | null; error: ApiErrorValue | null };

  /** A new random sample (a fresh seed) with the aggregate. */
  runRandom(size?: number): Promise<void>;
  /** The same sample again, after the draft changed. */
  rerun(): Promise<void>;
  previewCustomer(customerId: string, name: string): Promise<void>;
  setQuery(query: string): void;
  searchCustomers(): Promise<void>;
  reset(): void;
}

let latest = 0;

function newSeed(): string {
  return Math.random().toString(36).slice(2, 10);
}

export const useMerchPreviewStore = create<MerchPreviewState>()((set, get) => {
  async function run(sample: PreviewSampleChoice): Promise<void> {
    const request = ++latest;
    set({ sample, status: 'running', error: null });
    const drafts = useMerchDraftStore.getState();
    if (!(await drafts.flush())) {
      if (request !== latest) return;
      const why = useMerchDraftStore.getState().saveError;
      set({ status: 'error', error: why ?? { code: 'conflict', message: 'The draft could not be saved, so there is nothing new to preview.' } });
      return;
    }
    const revision = useMerchDraftStore.getState().draft?.revision ?? null;
    const result = await api.call('merch.preview', {
      sample: sample.kind === 'random' ? { kind: 'random', seed: sample.seed, size: sample.size } : { kind: 'customer', customerId: sample.customerId },
      aggregateCustomers: sample.kind === 'random' ? AGGREGATE_CUSTOMERS : 0,
    });
    if (request !== latest) return;
    if (!result.ok) {
      followSessionLoss(result.error);
      set({ status: 'error', error: result.error });
      return;
    }
    set({ status: 'ready', result: result.value, revision, aggregate: result.value.aggregate ?? get().aggregate });
  }

  const initial = () => ({
    sample: { kind: 'random' as const, seed: newSeed(), size: 8 },
    status: 'idle' as const,
    result: null,
    aggregate: null,
    revision: null,
    error: null,
    lookup: { query: '', status: 'idle' as const, result: null, error: null },
  });

  return {
    ...initial(),

    reset() {
      latest++;
      set(initial());
    },

    async runRandom(size = 8) {
      await run({ kind: 'random', seed: newSeed(), size });
    },

    async rerun() {
      await run(get().sample);
    },

    async previewCustomer(customerId, name) {
      await run({ kind: 'customer', customerId, name });
    },

    setQuery(query) {
      set({ lookup: { ...get().lookup, query } });
    },

    async searchCustomers() {
      const query = get().lookup.query.trim();
      if (!query) {
        set({ lookup: { query: '', status: 'idle', result: null, error: null } });
        return;
      }
      set({ lookup: { ...get().lookup, status: 'searching' } });
      const result = await api.call('customers.lookup', { query, kind: 'auto' });
      if (get().lookup.query.trim() !== query) return;
      if (result.ok) set({ lookup: { query, status: 'done', result: result.value, error: null } });
      else {
        followSessionLoss(result.error);
        set({ lookup: { query, status: 'error', result: null, error: result.error } });
      }
    },
  };
});
