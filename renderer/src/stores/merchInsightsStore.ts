// What the device can tell about the draft: affinities mined from order history, and the
// rules that can never fire, shadow each other or loop, with categories nothing covers.
import { create } from 'zustand';
import { api } from '../bridge';
import type { ApiErrorValue, MerchCheck, SuggestionList } from '../../../core/contract/index';
import { followSessionLoss } from './sessionGuard';
import { useMerchDraftStore } from './merchDraftStore';

type Loadable<T> = { status: 'idle' | 'loading' | 'ready' | 'error'; value: T | null; error: ApiErrorValue | null; revision: number | null };

const idle = { status: 'idle' as const, value: null, error: null, revision: null };

interface MerchInsightsState {
  suggestions: Loadable<SuggestionList>;
  check: Loadable<MerchCheck>;
  loadSuggestions(): Promise<void>;
  loadCheck(): Promise<void>;
  reset(): void;
}

export const useMerchInsightsStore = create<MerchInsightsState>()((set) => ({
  suggestions: idle,
  check: idle,

  reset() {
    set({ suggestions: idle, check: idle });
  },

  async loadSuggestions() {
    // "Already covered" is worked out against the saved draft.
    await useMerchDraftStore.getState().flush();
    const revision = useMerchDraftStore.getState().draft?.revision ?? null;
    set((s) => ({ suggestions: { ...s.suggestions, status: 'loading', error: null } }));
    const result = await api.call('merch.suggestions', {});
    if (result.ok) set({ suggestions: { status: 'ready', value: result.value, error: null, revision } });
    else {
      followSessionLoss(result.error);
      set((s) => ({ suggestions: { ...s.suggestions, status: 'error', error: result.error } }));
    }
  },

  async loadCheck() {
    await useMerchDraftStore.getState().flush();
    const revision = useMerchDraftStore.getState().draft?.revision ?? null;
    set((s) => ({ check: { ...s.check, status: 'loading', error: null } }));
    const result = await api.call('merch.check', { source: 'draft' });
    if (result.ok) set({ check: { status: 'ready', value: result.value, error: null, revision } });
    else {
      followSessionLoss(result.error);
      set((s) => ({ check: { ...s.check, status: 'error', error: result.error } }));
    }
  },
}));
