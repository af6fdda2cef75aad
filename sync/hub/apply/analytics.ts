// starter.shown, starter.feedback, checkout.outcome: held for analytics, no replicated state.
// One that names a customer must name one its store may see: a register does not get to write
// into another store's customer history, even one only analytics reads.
import type { OutboxEvent } from '../../protocol/index.js';
import type { Applied, HubReader } from '../store.js';
import { maySeeCustomer } from './ownership.js';
import { applied, refused, refusedBy } from './payload.js';

export async function applyHeldForAnalytics(event: OutboxEvent, reader: HubReader, deviceStoreId: string, receivedAt: Date): Promise<Applied> {
  const customerId = event.payload.customerId;
  if (customerId === undefined || customerId === null) return applied();
  if (typeof customerId !== 'string' || !customerId || customerId.length > 200) return refused(`${event.kind} payload: customerId must be a customer id or null`, 'invalid_event');
  // A visiting customer the store's register served (found through the hub) counts in its own outcomes.
  const may = await maySeeCustomer(reader, deviceStoreId, customerId, { unknownIsOk: true, servedAt: receivedAt });
  return may.ok ? applied() : refusedBy(may);
}
