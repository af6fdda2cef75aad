import { describe, expect, it } from 'vitest';
import {
  MAX_PAGE_SIZE,
  PROTOCOL_VERSION,
  ProtocolMessageError,
  ProtocolVersionError,
  outboxEventSchema,
  parseMessage,
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
} from './index.js';

const ID = '01936f3e-8b2a-7c4d-9e5f-0123456789ab';

describe('versioning', () => {
  it('refuses an unknown or missing protocol version with a typed error before checking the schema', () => {
    expect(() => parseMessage(pullRequestSchema, 'pull request', { protocol: 2, stream: 'inventory', since: '0' })).toThrow(ProtocolVersionError);
    expect(() => parseMessage(pullRequestSchema, 'pull request', { stream: 'inventory', since: '0' })).toThrow(ProtocolVersionError);
    expect(() => parseMessage(pullRequestSchema, 'pull request', 'hello')).toThrow(ProtocolVersionError);
  });

  it('refuses a known version that breaks the schema with the path of each problem', () => {
    try {
      parseMessage(pullRequestSchema, 'pull request', { protocol: PROTOCOL_VERSION, stream: 'weather', since: '-1' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ProtocolMessageError);
      expect((err as ProtocolMessageError).issues.join('\n')).toMatch(/stream[\s\S]*since/);
    }
  });
});

describe('pull', () => {
  it('accepts a request within the paging limit and refuses one above it', () => {
    expect(parseMessage(pullRequestSchema, 'pull', { protocol: 1, stream: 'catalog', since: '42', limit: 10 }).limit).toBe(10);
    expect(() => parseMessage(pullRequestSchema, 'pull', { protocol: 1, stream: 'catalog', since: '42', limit: MAX_PAGE_SIZE + 1 })).toThrow(ProtocolMessageError);
    expect(() => parseMessage(pullRequestSchema, 'pull', { protocol: 1, stream: 'catalog', since: '4.2' })).toThrow(ProtocolMessageError);
  });

  it('carries upserts and tombstones with hub versions', () => {
    const page = parseMessage(pullResponseSchema, 'pull response', {
      protocol: 1,
      stream: 'inventory',
      since: '0',
      cursor: '2',
      hasMore: false,
      changes: [
        { version: 1, table: 'inventory', key: { sku: 'A', location_id: 'S1' }, row: { sku: 'A', location_id: 'S1', on_hand: 3, reserved: 0, updated_at: 'x' } },
        { version: 2, table: 'inventory', key: { sku: 'B', location_id: 'S1' }, row: null },
      ],
    });
    expect(page.changes[1]!.row).toBeNull();
    expect(page.remaining).toBeUndefined();
    expect(() =>
      parseMessage(pullResponseSchema, 'pull response', { protocol: 1, stream: 'inventory', since: '0', cursor: '1', hasMore: false, changes: [{ version: 0, table: 't', key: {}, row: null }] }),
    ).toThrow(ProtocolMessageError);
  });
});

describe('bootstrap progress', () => {
  it('lets a page say how many changes remain after it, and refuses a negative or fractional count', () => {
    const page = { protocol: 1, stream: 'inventory', since: '0', cursor: '0', hasMore: true, changes: [] };
    expect(parseMessage(pullResponseSchema, 'pull response', { ...page, remaining: 4_999_000 }).remaining).toBe(4_999_000);
    expect(() => parseMessage(pullResponseSchema, 'pull response', { ...page, remaining: -1 })).toThrow(ProtocolMessageError);
    expect(() => parseMessage(pullResponseSchema, 'pull response', { ...page, remaining: 1.5 })).toThrow(ProtocolMessageError);
  });
});

describe('push', () => {
  const good = { id: ID, kind: 'checkout.outcome', payload: { storeId: 'S1' }, createdAt: '2026-11-23T10:00:00.000Z' };

  it('lets a batch through when each event has an id, and checks each event on its own', () => {
    const batch = parseMessage(pushRequestSchema, 'push', {
      protocol: 1,
      events: [good, { id: 'not-a-uuid', kind: 'checkout.outcome', payload: {}, createdAt: good.createdAt }, { ...good, id: ID.replace('7c4d', '7c4e'), kind: 'telepathy' }],
    });
    const verdicts = batch.events.map((e) => outboxEventSchema.safeParse(e).success);
    expect(verdicts).toEqual([true, false, false]);
  });

  it('knows the merch config events', () => {
    for (const kind of ['merch.published', 'merch.activated']) expect(outboxEventSchema.safeParse({ ...good, kind }).success).toBe(true);
  });

  it('refuses a batch whose events cannot be named, an empty batch, and a UUID that is not v7', () => {
    expect(() => parseMessage(pushRequestSchema, 'push', { protocol: 1, events: [{ kind: 'x' }] })).toThrow(ProtocolMessageError);
    expect(() => parseMessage(pushRequestSchema, 'push', { protocol: 1, events: [] })).toThrow(ProtocolMessageError);
    expect(outboxEventSchema.safeParse({ ...good, id: '01936f3e-8b2a-4c4d-9e5f-0123456789ab' }).success).toBe(false);
  });

  it('answers with acks and per-id rejections', () => {
    const res = parseMessage(pushResponseSchema, 'push response', { protocol: 1, acked: [ID], rejected: [{ id: 'x', reason: 'bad' }] });
    expect(res.rejected[0]!.reason).toBe('bad');
    expect(() => parseMessage(pushResponseSchema, 'push response', { protocol: 1, acked: [ID], rejected: [{ id: 'x' }] })).toThrow(ProtocolMessageError);
  });
});
