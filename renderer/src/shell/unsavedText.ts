// Unsaved work in words (pure: unit-tested without a window).

export interface UnsavedInput {
  capture: { phase: string; email: string; phone: string; firstName: string; lastName: string };
  basketLines: number;
}

/** A sentence naming the unsaved work, or null when there is none. */
export function describeUnsaved({ capture, basketLines }: UnsavedInput): string | null {
  const typed = [capture.email, capture.phone, capture.firstName, capture.lastName].some((v) => v.trim() !== '');
  if (capture.phase === 'saving') return 'a checkout being saved';
  if (capture.phase === 'form' && typed) return 'an email capture that is filled in but not saved';
  if (capture.phase === 'form' || basketLines > 0) return `a sale in progress (${basketLines} ${basketLines === 1 ? 'item' : 'items'} in the basket)`;
  return null;
}
