// Wire messages between a device and its store hub (DESIGN §7), one zod schema each.
// Every message carries the protocol version; a side that gets another version refuses it
// with ProtocolVersionError instead of guessing.
import { z } from 'zod';
import { STREAMS } from './streams.js';

export const PROTOCOL_VERSION = 1;

/** Most rows a hub sends in one pull page, and most events a device sends in one push. */
export const MAX_PAGE_SIZE = 5000;
export const MAX_PUSH_EVENTS = 1000;

export const streamSchema = z.enum(STREAMS);

/** Hub versions are positive integers; the cursor is the last one applied, as a decimal string. */
export const cursorSchema = z.string().regex(/^(0|[1-9][0-9]{0,15})$/, 'a cursor is a whole number as a string');

const scalar = z.union([z.string(), z.number(), z.null()]);
export const rowSchema = z.record(z.string(), scalar);

export const changeSchema = z.object({
  version: z.number().int().positive(),
  table: z.string().min(1),
  key: rowSchema,
  /** null = tombstone: the row was deleted at the hub. */
  row: rowSchema.nullable(),
});
export type Change = z.infer<typeof changeSchema>;

export const pullRequestSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  stream: streamSchema,
  since: cursorSchema,
  limit: z.number().int().positive().max(MAX_PAGE_SIZE).optional(),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

/** Longest a pull may wait for new data (`POST /v1/pull?wait=S`): below the usual 30 s idle timeouts of proxies. */
export const MAX_PULL_WAIT_S = 25;

/**
 * A pull's query: `wait` = seconds the hub may hold an empty answer until a newer version commits
 * (a long-poll); absent or 0 answers at once. Whole seconds as plain digits; no other parameter.
 */
export const pullQuerySchema = z.strictObject({
  wait: z
    .string()
    .regex(/^[0-9]{1,2}$/, `wait must be whole seconds from 0 to ${MAX_PULL_WAIT_S}`)
    .transform(Number)
    .refine((s) => s <= MAX_PULL_WAIT_S, `wait must be whole seconds from 0 to ${MAX_PULL_WAIT_S}`)
    .optional(),
});

export const pullResponseSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  stream: streamSchema,
  since: cursorSchema,
  /** Changes ordered by version, all after `since`. */
  changes: z.array(changeSchema).max(MAX_PAGE_SIZE),
  /** Where the next pull starts; apply it together with `changes`. */
  cursor: cursorSchema,
  hasMore: z.boolean(),
  /** Changes of this stream the store may see after `cursor`, so a device can show bootstrap progress. */
  remaining: z.number().int().nonnegative().optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/**
 * A pull response whose changes are not checked one by one: zod over 5,000 changes a page was
 * a fifth of the device's bootstrap CPU. The client checks each change by hand with the same
 * rules as changeSchema (sync/client/applyPage.ts plan()); the hub's tests keep the full schema.
 */
export const pullPageEnvelopeSchema = pullResponseSchema.extend({
  changes: z.array(z.unknown()).max(MAX_PAGE_SIZE),
});
export type PullPageEnvelope = z.infer<typeof pullPageEnvelopeSchema>;

// UUIDv7: version nibble 7, RFC 4122 variant. Time-sortable, so id order is creation order.
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const EVENT_KINDS = [
  'starter.shown',
  'starter.feedback',
  'checkout.outcome',
  'customer.created',
  'customer.updated',
  'customer.merged',
  'consent.changed',
  // A manager-approved re-subscribe of a suppressed address: the hub lifts the suppression itself.
  'consent.resubscribed',
  'aisle_order.placed',
  'merch.published',
  'merch.activated',
  'sale.completed',
  'staff.changed',
  'staff.pin_set',
  // PIN lockouts and a manager's unlock, so the hub (and through it the next register) knows.
  'staff.locked',
  'staff.unlocked',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const outboxEventSchema = z.object({
  id: z.string().regex(UUID_V7, 'id must be a lower-case UUIDv7'),
  kind: z.enum(EVENT_KINDS),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});
export type OutboxEvent = z.infer<typeof outboxEventSchema>;

/**
 * The batch is checked loosely (each event needs only a string id) so that one bad event is
 * rejected by id while the rest are stored; each event is then checked with outboxEventSchema.
 */
export const pushRequestSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  events: z.array(z.looseObject({ id: z.string().min(1).max(64) })).min(1).max(MAX_PUSH_EVENTS),
});
export type PushRequest = { protocol: typeof PROTOCOL_VERSION; events: OutboxEvent[] };

/**
 * Why the hub refused an event, for code (the reason is for people). Stays a plain string on the
 * wire (an older device reads a newer hub's codes); `code` is absent from an older hub's answers.
 */
export const REJECTION_CODES = [
  'invalid_event',
  'wrong_store',
  'customer_not_in_store',
  'unknown_reference',
  'not_sellable',
  'not_staff_of_store',
  'not_permitted',
  'out_of_range',
  'event_id_conflict',
  'conflict',
  'apply_failed',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export const pushResponseSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  /** Every id of the batch the hub now holds, duplicates of earlier pushes included. */
  acked: z.array(z.string()),
  /** Events the hub will never accept, each with the reason a person can read. */
  rejected: z.array(z.object({ id: z.string(), reason: z.string(), code: z.string().optional() })),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** GET /v1/device: who the token belongs to, so a new device learns its store (and the name the hub gave it) from the hub. */
export const deviceResponseSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  deviceId: z.string().min(1),
  storeId: z.string().min(1),
  /** The register's name at the hub (R1, R2, … in its store); absent for a device the hub recorded without one. */
  registerId: z.string().min(1).optional(),
});
export type DeviceResponse = z.infer<typeof deviceResponseSchema>;

/**
 * Codes of the hub's error answers. A 401 says why the token failed (`token_expired`,
 * `token_revoked`, `unauthorized` for a missing or unknown one) so a device can tell a person
 * what to do; 429 `rate_limited` means slow down and retry.
 */
export const HUB_ERROR_CODES = [
  'unsupported_protocol_version',
  'invalid_message',
  'payload_too_large',
  'unsupported_media_type',
  'unauthorized',
  'token_expired',
  'token_revoked',
  'forbidden',
  'rate_limited',
  'not_found',
  'bad_request',
  'internal',
] as const;
export type HubErrorCode = (typeof HUB_ERROR_CODES)[number];

/** Codes stay strings on the wire so an older device still reads a newer hub's answer. */
export const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
