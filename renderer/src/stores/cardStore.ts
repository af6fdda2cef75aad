// The customer card that is open, if any.
import { create } from 'zustand';
import { api } from '../bridge';
import type { ApiErrorValue, CustomerCard } from '../../../core/api/contract';
import { followSessionLoss } from './sessionGuard';

interface CardState {
  customerId: string | null;
  card: CustomerCard | null;
  status: 'closed' | 'loading' | 'ready' | 'error';
  error: ApiErrorValue | null;
  open(customerId: string): Promise<void>;
  close(): void;
}

let latestRequest = 0;

export const useCardStore = create<CardState>()((set) => ({
  customerId: null,
  card: null,
  status: 'closed',
  error: null,

  async open(customerId) {
    const request = ++latestRequest;
    set({ customerId, card: null, status: 'loading', error: null });
    const result = await api.call('customers.card', { customerId });
    if (request !== latestRequest) return;
    if (result.ok) set({ card: result.value, status: 'ready' });
    else {
      set({ error: result.error, status: 'error' });
      followSessionLoss(result.error);
    }
  },

  close() {
    latestRequest++;
    set({ customerId: null, card: null, status: 'closed', error: null });
  },
}));
