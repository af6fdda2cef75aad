// starter.shown, starter.feedback, checkout.outcome: held for analytics, no replicated state.
// One that names a customer must name one its store may see: a register does not get to write
// into another store's customer history, even one only analytics reads.
import type { OutboxEvent } from '../../protocol/index.js';
import type { Applied, HubReader } from '../store.js';
import { maySeeCustomer } from './ownership.js';
import { applied, refused, refusedBy } from './payload.js';

export async function applyHeldForAnalytics(event: OutboxEvent, reader: HubReader, deviceStoreId: string): Promise<Applied> {
  const customerId = event.payload.customerId;
  if (customerId === undefined || customerId === null) return applied();
  if (typeof customerId !== 'string' || !customerId || customerId.length > 200) return refused(`${event.kind} payload: customerId must be a customer id or null`, 'invalid_event');
  const may = await maySeeCustomer(reader, deviceStoreId, customerId, { unknownIsOk: true });
  return may.ok ? applied() : refusedBy(may);
}
