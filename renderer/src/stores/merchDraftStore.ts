// The merchandiser's working draft: what the forms show, and whether the device holds it.
//
// Edits apply on screen at once and are saved shortly after. The save state is honest:
// "Saved" only once the device answered the save of exactly what is on screen; a failed or
// refused save keeps the edits on screen and says so.
import { create } from 'zustand';
import { api } from '../bridge';
import type { ApiErrorValue, CsvImportReport, MerchDraft, MerchPolicy, MerchSetup } from '../../../core/contract/index';
import { followSessionLoss } from './sessionGuard';
import { onBeforeLogout } from './sessionStore';

/** saved: the device holds what is on screen; conflict: someone else saved since we loaded. */
export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error' | 'conflict';

interface MerchDraftState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError: ApiErrorValue | null;
  setup: MerchSetup | null;
  /** The draft as the device last returned it. */
  draft: MerchDraft | null;
  /** The policy on screen: the draft plus edits not saved yet. */
  policy: MerchPolicy | null;
  save: SaveState;
  saveError: ApiErrorValue | null;
  /** Fields whose typed text is not a valid value: on screen, never sent, so not saved. */
  invalid: Record<string, string>;
  /** Counts drafts replaced from the device (discard, reload, import): typed fields start over. */
  generation: number;

  load(): Promise<void>;
  /** Applies an edit on screen and schedules its save. */
  edit(change: (policy: MerchPolicy) => MerchPolicy): void;
  /** Saves now; true once the device holds exactly what is on screen. */
  flush(): Promise<boolean>;
  /** Drops unsaved edits and shows the device's draft (after a conflict). */
  reloadDraft(): Promise<void>;
  /** Starts the draft over from a published version (null = the active one). */
  resetTo(version: number | null): Promise<ApiErrorValue | null>;
  importCsv(csv: string, mode: 'merge' | 'replace'): Promise<{ report: CsvImportReport } | { error: ApiErrorValue }>;
  exportCsv(): Promise<{ fileName: string; csv: string } | { error: ApiErrorValue }>;
  /** A draft the device returned from another call (publish, import): shown as saved. */
  adopt(draft: MerchDraft): void;
  /** A form field reports that what is typed in it cannot be saved (message), or can again (null). */
  markInvalid(path: string, message: string | null): void;
}

/** Quiet time after the last keystroke before saving. */
const SAVE_DELAY_MS = 600;

let timer: number | undefined;
let inFlight: Promise<boolean> | null = null;
/** The policy object the device last confirmed; edits replace the object, so identity tells. */
let confirmed: MerchPolicy | null = null;

function cancelTimer(): void {
  if (timer !== undefined) window.clearTimeout(timer);
  timer = undefined;
}

export const useMerchDraftStore = create<MerchDraftState>()((set, get) => {
  async function saveOnce(): Promise<boolean> {
    const { policy, draft, save } = get();
    if (!policy || !draft) return false;
    if (save === 'conflict') return false;
    if (policy === confirmed) {
      set({ save: 'saved', saveError: null });
      return true;
    }
    set({ save: 'saving', saveError: null });
    const result = await api.call('merch.draft.save', { baseRevision: draft.revision, policy });
    if (!result.ok) {
      followSessionLoss(result.error);
      set({ save: result.error.code === 'conflict' ? 'conflict' : 'error', saveError: result.error });
      return false;
    }
    confirmed = policy;
    if (get().policy === policy) {
      // Nothing typed meanwhile: show the device's copy (trimmed notes and all) as the saved state.
      confirmed = result.value.policy;
      set({ draft: result.value, policy: result.value.policy, save: 'saved' });
      return true;
    }
    set({ draft: result.value, save: 'unsaved' });
    return false;
  }

  async function saveUntilSettled(): Promise<boolean> {
    // Edits made while a save was on the wire need one more save.
    for (let i = 0; i < 5; i++) {
      const ok = await saveOnce();
      if (ok) return true;
      if (get().save !== 'unsaved') return false;
    }
    return false;
  }

  return {
    status: 'idle',
    loadError: null,
    setup: null,
    draft: null,
    policy: null,
    save: 'saved',
    saveError: null,
    invalid: {},
    generation: 0,

    async load() {
      cancelTimer();
      set({ status: 'loading', loadError: null });
      const [setup, draft] = await Promise.all([api.call('merch.setup', {}), api.call('merch.draft.get', {})]);
      if (!setup.ok || !draft.ok) {
        const error = !setup.ok ? setup.error : !draft.ok ? draft.error : null;
        if (error) followSessionLoss(error);
        set({ status: 'error', loadError: error });
        return;
      }
      confirmed = draft.value.policy;
      set({ status: 'ready', setup: setup.value, draft: draft.value, policy: draft.value.policy, save: 'saved', saveError: null });
    },

    edit(change) {
      const { policy, save } = get();
      if (!policy) return;
      set({ policy: change(policy), save: save === 'conflict' ? 'conflict' : 'unsaved' });
      cancelTimer();
      if (get().save === 'conflict') return;
      timer = window.setTimeout(() => {
        timer = undefined;
        void get().flush();
      }, SAVE_DELAY_MS);
    },

    async flush() {
      cancelTimer();
      while (inFlight) await inFlight;
      inFlight = saveUntilSettled();
      try {
        return await inFlight;
      } finally {
        inFlight = null;
      }
    },

    async reloadDraft() {
      cancelTimer();
      const result = await api.call('merch.draft.get', {});
      if (!result.ok) {
        followSessionLoss(result.error);
        set({ saveError: result.error });
        return;
      }
      get().adopt(result.value);
    },

    async resetTo(version) {
      cancelTimer();
      const result = await api.call('merch.draft.reset', { fromVersion: version });
      if (!result.ok) {
        followSessionLoss(result.error);
        return result.error;
      }
      get().adopt(result.value);
      return null;
    },

    async importCsv(csv, mode) {
      if (!(await get().flush())) return { error: get().saveError ?? { code: 'conflict', message: 'Save the draft before importing.' } };
      const result = await api.call('merch.csv.import', { csv, mode, baseRevision: get().draft!.revision });
      if (!result.ok) {
        followSessionLoss(result.error);
        return { error: result.error };
      }
      if (result.value.imported) get().adopt(result.value.draft);
      return { report: result.value };
    },

    async exportCsv() {
      if (!(await get().flush())) return { error: get().saveError ?? { code: 'conflict', message: 'Save the draft before exporting.' } };
      const result = await api.call('merch.csv.export', { source: 'draft' });
      if (!result.ok) {
        followSessionLoss(result.error);
        return { error: result.error };
      }
      return { fileName: result.value.fileName, csv: result.value.csv };
    },

    markInvalid(path, message) {
      const invalid = get().invalid;
      if ((invalid[path] ?? null) === message) return;
      const next = { ...invalid };
      if (message === null) delete next[path];
      else next[path] = message;
      set({ invalid: next });
    },

    adopt(draft) {
      cancelTimer();
      confirmed = draft.policy;
      // What was typed belonged to the draft being replaced: its errors go with it, at once.
      set({ draft, policy: draft.policy, save: 'saved', saveError: null, invalid: {}, generation: get().generation + 1 });
    },
  };
});

// Logging out within the save delay must not lose the last edit.
onBeforeLogout(() => useMerchDraftStore.getState().flush());
