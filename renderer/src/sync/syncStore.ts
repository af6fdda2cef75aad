// The sync panel: whether it is open, the outbox as the device lists it, and "sync now".
import { create } from 'zustand';
import { api } from '../bridge';
import type { SyncOutbox } from '../../../core/contract/index';
import { useDeviceStore } from '../stores/deviceStore';

interface SyncPanelState {
  open: boolean;
  outbox: SyncOutbox | null;
  loading: boolean;
  error: string | null;
  syncing: boolean;
  show(): void;
  hide(): void;
  refresh(): Promise<void>;
  syncNow(): Promise<void>;
}

export const useSyncStore = create<SyncPanelState>()((set, get) => ({
  open: false,
  outbox: null,
  loading: false,
  error: null,
  syncing: false,

  show() {
    set({ open: true });
    void get().refresh();
  },

  hide() {
    set({ open: false });
  },

  async refresh() {
    set({ loading: true });
    const result = await api.call('sync.outbox', {});
    if (result.ok) set({ outbox: result.value, loading: false, error: null });
    else set({ loading: false, error: result.error.message });
  },

  async syncNow() {
    set({ syncing: true, error: null });
    const result = await api.call('sync.now', {});
    set({ syncing: false });
    if (result.ok) useDeviceStore.getState().apply(result.value);
    else set({ error: result.error.message });
  },
}));
