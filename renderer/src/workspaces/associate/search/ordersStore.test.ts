import { beforeEach, describe, expect, it, vi } from 'vitest';

const listeners = new Map<string, Set<(payload: unknown) => void>>();
const call = vi.fn();
vi.mock('../../../bridge', () => ({
  api: {
    call: (...args: unknown[]) => call(...args),
    on: (event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },
  },
}));
vi.mock('../../../stores/sessionGuard', () => ({ followSessionLoss: vi.fn() }));

const { useOrdersStore } = await import('./ordersStore');

const emit = (event: string) => listeners.get(event)?.forEach((l) => l({}));
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  call.mockReset();
  useOrdersStore.getState().reset();
});

describe('orders store', () => {
  it('refreshes on device.status while followed, and stops when let go', async () => {
    call.mockResolvedValueOnce({ ok: true, value: { orders: [], connection: 'offline' } });
    const stop = useOrdersStore.getState().follow();
    emit('device.status');
    await flush();
    expect(call).toHaveBeenCalledWith('orders.mine', {});
    expect(useOrdersStore.getState().connection).toBe('offline');

    stop();
    emit('device.status');
    await flush();
    expect(call).toHaveBeenCalledTimes(1);
  });
});
