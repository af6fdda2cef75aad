// What closing the app, signing out or restarting for an update would cut short: a sale being
// rung up, or a capture form someone started filling in. Nothing of it is on the device yet.
import { useBasketStore } from '../stores/basketStore';
import { useCaptureStore } from '../stores/captureStore';
import { describeUnsaved } from './unsavedText';

export function unsavedWorkNow(): string | null {
  return describeUnsaved({ capture: useCaptureStore.getState(), basketLines: useBasketStore.getState().lines.length });
}

/** The same, kept current for a component. */
export function useUnsavedWork(): string | null {
  const capture = useCaptureStore();
  const basketLines = useBasketStore((s) => s.lines.length);
  return describeUnsaved({ capture, basketLines });
}
