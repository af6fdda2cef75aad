// Which applier turns which event kind into hub state. Kinds without one (starter.shown,
// starter.feedback, checkout.outcome) are held for analytics and change no replicated rows.
import type { EventKind } from '../../protocol/index.js';
import type { EventApplier } from '../store.js';
import { applyAislePlaced } from './aisleOrders.js';
import { applyConsentChanged, applyCustomerCreated, applyCustomerMerged, applyCustomerUpdated } from './customers.js';
import { applyMerchActivated, applyMerchPublished } from './merch.js';
import { applied } from './payload.js';

const heldOnly: EventApplier = () => applied();

const APPLIERS: Record<EventKind, EventApplier> = {
  'starter.shown': heldOnly,
  'starter.feedback': heldOnly,
  'checkout.outcome': heldOnly,
  'customer.created': (e, _d, reader) => applyCustomerCreated(e, reader),
  'customer.updated': (e, _d, reader) => applyCustomerUpdated(e, reader),
  'customer.merged': (e, _d, reader) => applyCustomerMerged(e, reader),
  'consent.changed': (e, _d, reader) => applyConsentChanged(e, reader),
  'aisle_order.placed': (e, _d, reader, receivedAt) => applyAislePlaced(e, reader, receivedAt),
  'merch.published': (e, _d, reader) => applyMerchPublished(e, reader),
  'merch.activated': (e, _d, reader) => applyMerchActivated(e, reader),
  // Held for now: carrying a lock to the other registers needs lock fields in the staff stream.
  'staff.locked': heldOnly,
  'staff.unlocked': heldOnly,
};

/** Applies one validated event; runs inside the ingest's transaction. */
export const applyEvent: EventApplier = (event, device, reader, receivedAt) => APPLIERS[event.kind](event, device, reader, receivedAt);
