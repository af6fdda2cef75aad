// The associate's ship-to-home orders on this register, and placing a new one.
import { create } from 'zustand';
import { api } from '../../../bridge';
import type { AisleOrder, AisleOrderList, ApiErrorValue, ApiInput } from '../../../../../core/contract/index';
import { followSessionLoss } from '../../../stores/sessionGuard';

interface OrdersState {
  orders: AisleOrder[];
  connection: AisleOrderList['connection'];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiErrorValue | null;
  refresh(): Promise<void>;
  /** Refreshes on every `device.status` event (a push confirmed orders, the hub came or went) until the returned function is called. */
  follow(): () => void;
  place(input: ApiInput<'orders.place'>): Promise<{ ok: true; order: AisleOrder } | { ok: false; error: ApiErrorValue }>;
  reset(): void;
}

export const useOrdersStore = create<OrdersState>()((set, get) => ({
  orders: [],
  connection: 'standalone',
  status: 'idle',
  error: null,

  async refresh() {
    if (get().status === 'idle') set({ status: 'loading' });
    const result = await api.call('orders.mine', {});
    if (result.ok) set({ orders: result.value.orders, connection: result.value.connection, status: 'ready', error: null });
    else {
      set({ status: 'error', error: result.error });
      followSessionLoss(result.error);
    }
  },

  follow() {
    return api.on('device.status', () => void get().refresh());
  },

  async place(input) {
    const result = await api.call('orders.place', input);
    if (!result.ok) {
      followSessionLoss(result.error);
      return { ok: false, error: result.error };
    }
    set({ orders: [result.value, ...get().orders.filter((o) => o.id !== result.value.id)] });
    return { ok: true, order: result.value };
  },

  reset() {
    set({ orders: [], status: 'idle', error: null });
  },
}));
