// The sync panel: whether it is open, the outbox as the device lists it, and "sync now".
import { create } from 'zustand';
import { api } from '../bridge';
import type { OutboxEntry, SyncOutbox } from '../../../core/contract/index';
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
  /** The refused event being set aside (the dismiss dialog is open for it). */
  dismissing: OutboxEntry | null;
  /** What the last retry or dismissal did, in words. */
  done: string | null;
  retry(entry: OutboxEntry): Promise<void>;
  startDismiss(entry: OutboxEntry | null): void;
  /** Sets the event aside; resolves to the device's refusal, or null when it worked. */
  dismiss(entry: OutboxEntry, reason: string, approvalId?: string): Promise<string | null>;
}

export const useSyncStore = create<SyncPanelState>()((set, get) => ({
  open: false,
  outbox: null,
  loading: false,
  error: null,
  syncing: false,
  dismissing: null,
  done: null,

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

  async retry(entry) {
    const result = await api.call('sync.retry', { eventId: entry.id });
    set(result.ok ? { error: null, done: 'Back in line: it goes with the next send.' } : { error: result.error.message, done: null });
    await get().refresh();
  },

  startDismiss(entry) {
    set({ dismissing: entry });
  },

  async dismiss(entry, reason, approvalId) {
    const result = await api.call('sync.dismiss', { eventId: entry.id, reason, ...(approvalId ? { approvalId } : {}) });
    if (!result.ok) return result.error.message;
    set({ dismissing: null, error: null, done: 'Set aside with the reason given. It is kept on this register, no longer sent.' });
    await get().refresh();
    return null;
  },
}));
