// What an outbound vendor module provides: the kinds of send it takes and how it sends one.
import type { RetryPolicy } from './http.js';
import type { Identity, OutboxItem } from './state.js';

/** nothing: a withdrawal for someone the vendor never got; remember/forget: the address the vendor knows the customer by. */
export type SendResult = { nothing: string } | { remember: Identity } | { forget: true } | void;

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
  /** Sends it; says why there was nothing to send, or what the hub must remember (or forget) of the address sent. */
  send(item: OutboxItem & { payload: OutboundPayload }): Promise<SendResult>;
}

/** Retries inside one attempt (short waits; the outbox spaces attempts further apart). */
export const OUTBOUND_RETRY: RetryPolicy = { attempts: 3, baseMs: 200, maxMs: 5_000 };
