// Published versions of the policy: the history, diffs between versions, publishing the
// draft and rolling back to an earlier version.
import { create } from 'zustand';
import { api } from '../bridge';
import type { ApiErrorValue, PolicyDiff, PublishReceipt, VersionList, VersionSummary } from '../../../core/contract/index';
import { followSessionLoss } from './sessionGuard';
import { useMerchDraftStore } from './merchDraftStore';

export type DiffEntry = { status: 'loading' } | { status: 'ready'; diff: PolicyDiff } | { status: 'error'; error: ApiErrorValue };

interface MerchVersionsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  list: VersionList | null;
  error: ApiErrorValue | null;
  /** By `${from}->${to}`. */
  diffs: Record<string, DiffEntry>;

  load(): Promise<void>;
  /** Loads (once) the diff between two versions; `from` null = the active one, `to` 'draft' = the working draft. */
  loadDiff(from: number | null, to: number | 'draft', force?: boolean): Promise<void>;
  publish(note: string): Promise<{ receipt: PublishReceipt } | { error: ApiErrorValue }>;
  rollback(version: number, note: string): Promise<{ version: VersionSummary } | { error: ApiErrorValue }>;
}

export const diffKey = (from: number | null, to: number | 'draft') => `${from ?? 'active'}->${to}`;

export const useMerchVersionsStore = create<MerchVersionsState>()((set, get) => ({
  status: 'idle',
  list: null,
  error: null,
  diffs: {},

  async load() {
    set({ status: 'loading', error: null });
    const result = await api.call('merch.versions', {});
    if (result.ok) set({ status: 'ready', list: result.value });
    else {
      followSessionLoss(result.error);
      set({ status: 'error', error: result.error });
    }
  },

  async loadDiff(from, to, force = false) {
    const key = diffKey(from, to);
    if (!force && get().diffs[key]?.status === 'ready') return;
    set({ diffs: { ...get().diffs, [key]: { status: 'loading' } } });
    const result = await api.call('merch.diff', { from, to });
    if (result.ok) set({ diffs: { ...get().diffs, [key]: { status: 'ready', diff: result.value } } });
    else {
      followSessionLoss(result.error);
      set({ diffs: { ...get().diffs, [key]: { status: 'error', error: result.error } } });
    }
  },

  async publish(note) {
    const drafts = useMerchDraftStore.getState();
    if (!(await drafts.flush())) {
      return { error: useMerchDraftStore.getState().saveError ?? { code: 'conflict', message: 'The draft could not be saved; nothing was published.' } };
    }
    const result = await api.call('merch.publish', { note, baseRevision: useMerchDraftStore.getState().draft!.revision });
    if (!result.ok) {
      followSessionLoss(result.error);
      return { error: result.error };
    }
    // The draft now equals the active version: fetch it, with the history, so both read true.
    await Promise.all([useMerchDraftStore.getState().reloadDraft(), get().load()]);
    set({ diffs: {} });
    return { receipt: result.value };
  },

  async rollback(version, note) {
    const result = await api.call('merch.rollback', { version, note });
    if (!result.ok) {
      followSessionLoss(result.error);
      return { error: result.error };
    }
    await Promise.all([useMerchDraftStore.getState().reloadDraft(), get().load()]);
    set({ diffs: {} });
    return { version: result.value };
  },
}));
