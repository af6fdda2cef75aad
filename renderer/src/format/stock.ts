// Where an item can come from, in the words an associate says to a customer.
import type { StarterProduct } from '../../../core/contract/index';

export type StockTone = 'good' | 'warn' | 'bad';

export function stockLabel(p: Pick<StarterProduct, 'availableHere' | 'elsewhere'>): { tone: StockTone; text: string } {
  if (p.availableHere > 0) return { tone: 'good', text: `${p.availableHere} on the shelf` };
  if (p.elsewhere) {
    const days = p.elsewhere.leadTimeDays;
    return { tone: 'warn', text: `Ships from ${p.elsewhere.locationName} in ${days} ${days === 1 ? 'day' : 'days'}` };
  }
  return { tone: 'bad', text: 'Out of stock everywhere' };
}
