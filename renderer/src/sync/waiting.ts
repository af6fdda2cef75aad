// What a register still has to send, in the words a store uses (logout and close warnings).
import { eventLabel } from './eventLabels';

/** "2 × Checkout outcome, 1 × Ship-to-home order" from the kinds waiting, or null when nothing waits. */
export function describeWaiting(kinds: readonly string[], total: number): string | null {
  if (total === 0) return null;
  const counts = new Map<string, number>();
  for (const k of kinds) counts.set(eventLabel(k), (counts.get(eventLabel(k)) ?? 0) + 1);
  const listed = [...counts].map(([label, n]) => `${n} × ${label}`).join(', ');
  const more = total - kinds.length;
  return more > 0 ? `${listed} and ${more} more` : listed;
}

