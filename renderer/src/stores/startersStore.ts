// The conversation starters on screen: for the open customer (or a walk-in's basket), what
// the associate did with each, and the one request in flight.
//
// Asking for starters is a write on the device (every decision is audited and goes to the
// outbox), so the screens ask once when a card opens and once per basket change, never per render.
import { create } from 'zustand';
import { api } from '../bridge';
import type { ApiErrorValue, SkipReason, Starter, StarterFeedback, StarterSet } from '../../../core/contract/index';
import { followSessionLoss } from './sessionGuard';

export type CartLine = { sku: string; quantity: number };

export type FeedbackEntry =
  | { status: 'sending'; feedback: StarterFeedback }
  | { status: 'done'; feedback: StarterFeedback }
  | { status: 'error'; feedback: StarterFeedback; error: ApiErrorValue };

interface StartersState {
  /** Whose starters these are: a customer id, or null for a walk-in. */
  customerId: string | null;
  /** The customer and basket the shown (or loading) set answers. */
  key: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  starterSet: StarterSet | null;
  error: ApiErrorValue | null;
  /** By position in the shown set. */
  feedback: Record<number, FeedbackEntry>;
  /**
   * What the associate already marked for this customer during this visit, by idea, so a set
   * refreshed by a basket change shows it as marked rather than asking again.
   */
  marks: Record<string, StarterFeedback>;

  request(customerId: string | null, cart: CartLine[]): Promise<void>;
  /** Asks again for the same customer and basket (after an error). */
  retry(): Promise<void>;
  /** `reason` goes with 'not_relevant' only (the one tap after it). */
  sendFeedback(position: number, feedback: StarterFeedback, reason?: SkipReason): Promise<void>;
  reset(): void;
}

const initial = {
  customerId: null,
  key: null,
  status: 'idle' as const,
  starterSet: null,
  error: null,
  feedback: {},
  marks: {},
};

let latestRequest = 0;
let lastAsked: { customerId: string | null; cart: CartLine[] } | null = null;

export function ideaSignature(s: Pick<Starter, 'kind' | 'incentive' | 'text'>): string {
  return `${s.kind}|${s.incentive ?? ''}|${s.text}`;
}

export function requestKey(customerId: string | null, cart: readonly CartLine[]): string {
  return `${customerId ?? 'walk-in'}|${cart.map((l) => `${l.sku}×${l.quantity}`).join(',')}`;
}

export const useStartersStore = create<StartersState>()((set, get) => ({
  ...initial,

  async request(customerId, cart) {
    const request = ++latestRequest;
    lastAsked = { customerId, cart };
    const sameCustomer = get().customerId === customerId && get().starterSet !== null;
    set({
      customerId,
      key: requestKey(customerId, cart),
      status: 'loading',
      error: null,
      // A basket change keeps the current cards on screen until the new ones arrive.
      ...(sameCustomer ? {} : { starterSet: null, feedback: {}, marks: {} }),
    });
    const result = await api.call('starters.forCustomer', { customerId, cart });
    if (request !== latestRequest) return;
    if (result.ok) {
      set({ status: 'ready', starterSet: result.value, feedback: {} });
    } else {
      set({ status: 'error', error: result.error });
      followSessionLoss(result.error);
    }
  },

  async retry() {
    if (lastAsked) await get().request(lastAsked.customerId, lastAsked.cart);
  },

  async sendFeedback(position, feedback, reason) {
    const starterSet = get().starterSet;
    const starter = starterSet?.starters.find((s) => s.position === position);
    if (!starterSet || !starter) return;
    const current = get().feedback[position];
    if (current && current.status !== 'error') return; // one answer per starter
    const decisionId = starterSet.decisionId;
    const put = (entry: FeedbackEntry) => {
      // The set may have been replaced while we waited: only the set we answered for shows it.
      if (get().starterSet?.decisionId === decisionId) set((s) => ({ feedback: { ...s.feedback, [position]: entry } }));
    };

    put({ status: 'sending', feedback });
    const result = await api.call('starters.feedback', { decisionId, position, feedback, reason: reason ?? null });
    if (result.ok) {
      put({ status: 'done', feedback });
      if (get().customerId === starterSet.customerId) {
        set((s) => ({ marks: { ...s.marks, [ideaSignature(starter)]: feedback } }));
      }
    } else {
      put({ status: 'error', feedback, error: result.error });
      followSessionLoss(result.error);
    }
  },

  reset() {
    latestRequest++;
    lastAsked = null;
    set(initial);
  },
}));

/** How a starter stands: answered in this set, or marked earlier in this visit. */
export function markOf(
  starter: Starter,
  feedback: Record<number, FeedbackEntry>,
  marks: Record<string, StarterFeedback>,
): FeedbackEntry | null {
  const entry = feedback[starter.position];
  if (entry) return entry;
  const earlier = marks[ideaSignature(starter)];
  return earlier ? { status: 'done', feedback: earlier } : null;
}
