// Asks the device for starters once when a customer (or a walk-in's basket) comes on screen,
// and again when the basket changes, after the scanning settles.
import { useEffect, useRef } from 'react';
import { cartKey, cartOf, useBasketStore } from '../../../stores/basketStore';
import { useStartersStore } from '../../../stores/startersStore';

/** A scanner fires items in bursts: wait this long after the last change before asking. */
export const BASKET_SETTLE_MS = 400;

export function useStarters(customerId: string | null, enabled = true): void {
  const basketKey = useBasketStore((s) => cartKey(s.lines));
  const request = useStartersStore((s) => s.request);
  const reset = useStartersStore((s) => s.reset);
  // Who the last request was for: a new customer is asked for at once, a basket change after it settles.
  const askedFor = useRef<string | null | undefined>(undefined);

  useEffect(() => {
    if (!enabled) {
      askedFor.current = undefined;
      if (useStartersStore.getState().status !== 'idle') reset();
      return;
    }
    const delay = askedFor.current === customerId ? BASKET_SETTLE_MS : 0;
    const timer = window.setTimeout(() => {
      askedFor.current = customerId;
      void request(customerId, cartOf(useBasketStore.getState().lines));
    }, delay);
    return () => window.clearTimeout(timer);
  }, [customerId, basketKey, enabled, request, reset]);

  // Leaving the screen: the next screen asks for its own.
  useEffect(() => () => reset(), [reset]);
}
