// What an outbound vendor module provides: the kinds of send it takes and how it sends one.
import type { RetryPolicy } from './http.js';
import type { OutboxItem } from './state.js';

export type OutboundKind = 'subscribe' | 'unsubscribe' | 'suppress' | 'erase' | 'sale';

/** What a send carries; identifiers are read at the hub when the send is planned. */
export interface OutboundPayload {
  customerId: string;
  channel: string;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  at: string;
  source: string | null;
  order?: { id: string; storeId: string | null; subtotalCents: number; discountCents: number; channel: string };
  [k: string]: unknown;
}

/** One vendor's side: which kinds it takes and how it sends one. */
export interface Sender {
  kinds: ReadonlySet<OutboundKind>;
  /** Sends it; or says why there is nothing to send (e.g. a withdrawal for someone the vendor never got). */
  send(item: OutboxItem & { payload: OutboundPayload }): Promise<{ nothing: string } | void>;
}

/** Retries inside one attempt (short waits; the outbox spaces attempts further apart). */
export const OUTBOUND_RETRY: RetryPolicy = { attempts: 3, baseMs: 200, maxMs: 5_000 };
