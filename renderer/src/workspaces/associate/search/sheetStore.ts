// The product open in the sheet beside the results, and the order being placed for it.
import { create } from 'zustand';
import { api } from '../../../bridge';
import type { AisleOrder, ApiErrorValue, ProductSheet } from '../../../../../core/contract/index';
import { followSessionLoss } from '../../../stores/sessionGuard';

interface SheetState {
  sku: string | null;
  sheet: ProductSheet | null;
  status: 'closed' | 'loading' | 'ready' | 'error';
  error: ApiErrorValue | null;
  /** 'details' → 'order' (the form) → 'placed' (the pending order). */
  step: 'details' | 'order' | 'placed';
  placed: AisleOrder | null;
  open(sku: string, keepStep?: boolean): Promise<void>;
  startOrder(): void;
  backToDetails(): void;
  orderPlaced(order: AisleOrder): void;
  close(): void;
}

let latestRequest = 0;

export const useSheetStore = create<SheetState>()((set, get) => ({
  sku: null,
  sheet: null,
  status: 'closed',
  error: null,
  step: 'details',
  placed: null,

  async open(sku, keepStep = false) {
    const request = ++latestRequest;
    set({ sku, status: get().sheet ? get().status : 'loading', error: null, step: keepStep ? get().step : 'details', placed: null });
    const result = await api.call('search.product', { sku });
    if (request !== latestRequest) return;
    if (result.ok) set({ sheet: result.value, status: 'ready' });
    else {
      set({ sheet: null, status: 'error', error: result.error });
      followSessionLoss(result.error);
    }
  },

  startOrder() {
    set({ step: 'order' });
  },

  backToDetails() {
    set({ step: 'details' });
  },

  orderPlaced(order) {
    set({ step: 'placed', placed: order });
  },

  close() {
    latestRequest++;
    set({ sku: null, sheet: null, status: 'closed', error: null, step: 'details', placed: null });
  },
}));
