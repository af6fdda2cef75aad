// The customer card that is open, if any.
import { create } from 'zustand';
import { api } from '../bridge';
import type { ApiErrorValue, ConsentState, CustomerCard } from '../../../core/contract/index';
import { cartOf, useBasketStore } from './basketStore';
import { followSessionLoss } from './sessionGuard';
import { useStartersStore } from './startersStore';

interface CardState {
  customerId: string | null;
  card: CustomerCard | null;
  status: 'closed' | 'loading' | 'ready' | 'error';
  error: ApiErrorValue | null;
  open(customerId: string): Promise<void>;
  /** One tap, like giving it: recorded (with its outbox event) before the card shows it. */
  withdrawConsent(purpose: ConsentState['purpose']): Promise<void>;
  close(): void;
}

let latestRequest = 0;

export const useCardStore = create<CardState>()((set, get) => ({
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

  async withdrawConsent(purpose) {
    const customerId = get().customerId;
    if (!customerId) return;
    const result = await api.call('consent.withdraw', { customerId, purpose });
    if (!result.ok) {
      set({ error: result.error });
      followSessionLoss(result.error);
      return;
    }
    const card = await api.call('customers.card', { customerId });
    if (card.ok && get().customerId === customerId) set({ card: card.value, error: null });
    // Consent is enforced at decision time: without personalization the starters change now.
    if (purpose === 'personalization') void useStartersStore.getState().request(customerId, cartOf(useBasketStore.getState().lines));
  },

  close() {
    latestRequest++;
    set({ customerId: null, card: null, status: 'closed', error: null });
  },
}));
