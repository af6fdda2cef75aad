// The desktop shell as the UI knows it: whether an update waits for a restart, and whether the
// window asked to close. In the browser host `desktop` is false and neither ever happens.
import { create } from 'zustand';
import { api } from '../bridge';
import type { ShellState } from '../../../core/contract/index';

interface ShellStoreState extends ShellState {
  /** The window's close button was pressed; the close check answers it. */
  closeAsked: boolean;
  restartError: string | null;
  refresh(): Promise<void>;
  apply(state: ShellState): void;
  askClose(): void;
  answerClose(close: boolean): Promise<void>;
  restart(): Promise<void>;
}

export const useShellStore = create<ShellStoreState>()((set) => ({
  desktop: false,
  update: null,
  closeAsked: false,
  restartError: null,

  async refresh() {
    const r = await api.call('app.state', {});
    if (r.ok) set(r.value);
  },
  apply(state) {
    set(state);
  },
  askClose() {
    set({ closeAsked: true });
  },
  async answerClose(close) {
    set({ closeAsked: false });
    if (close) await api.call('app.close', {});
  },
  async restart() {
    const r = await api.call('app.restartToUpdate', {});
    set({ restartError: r.ok ? null : r.error.message });
  },
}));
