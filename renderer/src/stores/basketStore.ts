// Today's basket at this register: what was scanned, as the store sees it (price, stock).
// It lives here, not in a screen, so it survives moving between the lookup and the card;
// it is emptied when the person at the register changes (see connect.ts).
import { create } from 'zustand';
import { api } from '../bridge';
import type { ApiErrorValue, ProductAtStore } from '../../../core/contract/index';
import { followSessionLoss } from './sessionGuard';

export interface BasketLine {
  product: ProductAtStore;
  quantity: number;
}

/** What the offer engine accepts (contract: at most 50 lines of 1–99). */
export const MAX_LINES = 50;
export const MAX_QUANTITY = 99;

interface BasketState {
  lines: BasketLine[];
  /** SKUs being looked up, in the order they were scanned. */
  pending: string[];
  /** The last scan that could not be added, and why. */
  error: { sku: string; error: ApiErrorValue } | null;
  /** The SKU of the line most recently added or increased, to highlight it. */
  lastTouched: string | null;

  /** Looks the SKU up and adds it (or one more of it). Resolves true when it was added. */
  scan(sku: string): Promise<boolean>;
  setQuantity(sku: string, quantity: number): void;
  remove(sku: string): void;
  dismissError(): void;
  /** Empties the basket (a new sale, or a new person at the register). */
  clear(): void;
}

// A scanner can fire codes faster than the device answers: look them up one at a time so
// lines land in the order they were scanned and a repeat scan adds to the same line.
let queue: Promise<unknown> = Promise.resolve();
// Bumped by clear(): answers to scans made before it are dropped.
let generation = 0;

export const useBasketStore = create<BasketState>()((set, get) => ({
  lines: [],
  pending: [],
  error: null,
  lastTouched: null,

  scan(raw) {
    const sku = raw.trim();
    if (!sku) return Promise.resolve(false);
    const gen = generation;
    set((s) => ({ pending: [...s.pending, sku] }));
    const run = queue.then(async () => {
      if (gen !== generation) return false;
      const result = await api.call('products.get', { sku });
      if (gen !== generation) return false;
      set((s) => ({ pending: dropFirst(s.pending, sku) }));
      if (!result.ok) {
        set({ error: { sku, error: result.error } });
        followSessionLoss(result.error);
        return false;
      }
      const product = result.value;
      const lines = get().lines;
      const existing = lines.find((l) => l.product.sku === product.sku);
      if (existing) {
        if (existing.quantity >= MAX_QUANTITY) {
          set({ error: { sku, error: { code: 'invalid_input', message: `At most ${MAX_QUANTITY} of one item fit in a basket.` } } });
          return false;
        }
        set({
          lines: lines.map((l) => (l === existing ? { product, quantity: l.quantity + 1 } : l)),
          error: null,
          lastTouched: product.sku,
        });
        return true;
      }
      if (lines.length >= MAX_LINES) {
        set({ error: { sku, error: { code: 'invalid_input', message: `A basket holds at most ${MAX_LINES} different items.` } } });
        return false;
      }
      set({ lines: [...lines, { product, quantity: 1 }], error: null, lastTouched: product.sku });
      return true;
    });
    queue = run.catch(() => false);
    return run;
  },

  setQuantity(sku, quantity) {
    if (quantity < 1) return get().remove(sku);
    const q = Math.min(MAX_QUANTITY, Math.floor(quantity));
    set((s) => ({ lines: s.lines.map((l) => (l.product.sku === sku ? { ...l, quantity: q } : l)), lastTouched: sku }));
  },

  remove(sku) {
    set((s) => ({ lines: s.lines.filter((l) => l.product.sku !== sku), lastTouched: null }));
  },

  dismissError() {
    set({ error: null });
  },

  clear() {
    generation++;
    set({ lines: [], pending: [], error: null, lastTouched: null });
  },
}));

function dropFirst(list: string[], item: string): string[] {
  const i = list.indexOf(item);
  return i < 0 ? list : [...list.slice(0, i), ...list.slice(i + 1)];
}

/** The basket as the offer engine takes it. */
export function cartOf(lines: readonly BasketLine[]): { sku: string; quantity: number }[] {
  return lines.map((l) => ({ sku: l.product.sku, quantity: l.quantity }));
}

/** A stable key for "the same basket": changes exactly when the engine's answer could. */
export function cartKey(lines: readonly BasketLine[]): string {
  return lines.map((l) => `${l.product.sku}×${l.quantity}`).join(',');
}

export function basketTotalCents(lines: readonly BasketLine[]): number {
  return lines.reduce((sum, l) => sum + l.product.priceCents * l.quantity, 0);
}
