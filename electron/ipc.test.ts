import { beforeEach, describe, expect, it, vi } from 'vitest';

const ipcMain = vi.hoisted(() => ({
  handle: vi.fn(),
  removeHandler: vi.fn(),
  on: vi.fn(),
  once: vi.fn(),
  handleOnce: vi.fn(),
}));
vi.mock('electron', () => ({ ipcMain }));

import { CALL_CHANNEL, EVENT_CHANNEL, registerIpc, rejectSender, type TrustedContents } from './ipc.js';
import type { HostEventListener } from './dbHostClient.js';

interface Frame {
  url: string;
  parent: Frame | null;
  processId: number;
  routingId: number;
}

function makeContents(id: number, url = 'app://endcap/index.html') {
  const mainFrame: Frame = { url, parent: null, processId: 7, routingId: id };
  return { id, mainFrame, isDestroyed: () => false, getURL: () => mainFrame.url, send: vi.fn() };
}
type Contents = ReturnType<typeof makeContents>;

function trustedSet(...list: Contents[]): TrustedContents {
  return { has: (wc) => list.includes(wc as unknown as Contents), all: () => list as any };
}

/** A fresh WebFrameMain-like object for the main frame (Electron may hand out a new wrapper). */
const mainFrameOf = (wc: Contents): Frame => ({ ...wc.mainFrame });

function setup() {
  const ours = makeContents(1);
  let emit: HostEventListener = () => {};
  const client = {
    call: vi.fn(async (name: unknown, input: unknown) => ({ ok: true as const, value: { name, input } })),
    onEvent: vi.fn((listener: HostEventListener) => {
      emit = listener;
      return () => {};
    }),
  };
  const logs: string[] = [];
  registerIpc({ client, trusted: trustedSet(ours), log: (m) => logs.push(m) });
  const handler = ipcMain.handle.mock.calls[0]![1] as (event: unknown, ...args: unknown[]) => Promise<any>;
  return { ours, client, handler, logs, emit: (e: string, p: unknown) => emit(e, p) };
}

beforeEach(() => {
  for (const fn of Object.values(ipcMain)) fn.mockReset();
});

describe('IPC registration', () => {
  it('registers exactly one handler channel and no fire-and-forget listeners', () => {
    setup();
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
    expect(ipcMain.handle.mock.calls[0]![0]).toBe(CALL_CHANNEL);
    expect(ipcMain.on).not.toHaveBeenCalled();
    expect(ipcMain.once).not.toHaveBeenCalled();
    expect(ipcMain.handleOnce).not.toHaveBeenCalled();
  });
});

describe('IPC sender checks', () => {
  it('accepts our main frame and passes the call through unchanged', async () => {
    const { ours, client, handler } = setup();
    const result = await handler({ sender: ours, senderFrame: mainFrameOf(ours) }, 'customers.lookup', { query: 'ann' });
    expect(result).toEqual({ ok: true, value: { name: 'customers.lookup', input: { query: 'ann' } } });
    expect(client.call).toHaveBeenCalledWith('customers.lookup', { query: 'ann' });
  });

  it('rejects a frame showing another origin', async () => {
    const { ours, client, handler } = setup();
    const frame = { ...mainFrameOf(ours), url: 'https://evil.example/' };
    const result = await handler({ sender: ours, senderFrame: frame }, 'session.staff', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'transport' } });
    expect(client.call).not.toHaveBeenCalled();
  });

  it('rejects app:// frames on a different host', async () => {
    const { ours, client, handler } = setup();
    const frame = { ...mainFrameOf(ours), url: 'app://evil/index.html' };
    expect(await handler({ sender: ours, senderFrame: frame }, 'session.staff', {})).toMatchObject({ ok: false });
    expect(client.call).not.toHaveBeenCalled();
  });

  it('rejects a subframe, even one on our origin', async () => {
    const { ours, client, handler } = setup();
    const sub: Frame = { url: 'app://endcap/index.html', parent: ours.mainFrame, processId: 7, routingId: 99 };
    const result = await handler({ sender: ours, senderFrame: sub }, 'session.staff', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'transport' } });
    expect(client.call).not.toHaveBeenCalled();
  });

  it('rejects a top-level frame that is not the main frame of the sender (e.g. a fenced frame)', async () => {
    const { ours, client, handler } = setup();
    const other: Frame = { url: 'app://endcap/index.html', parent: null, processId: 7, routingId: 42 };
    expect(await handler({ sender: ours, senderFrame: other }, 'session.staff', {})).toMatchObject({ ok: false });
    expect(client.call).not.toHaveBeenCalled();
  });

  it('rejects an unknown webContents, even showing our page', async () => {
    const { client, handler } = setup();
    const stranger = makeContents(2);
    const result = await handler({ sender: stranger, senderFrame: mainFrameOf(stranger) }, 'session.staff', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'transport' } });
    expect(client.call).not.toHaveBeenCalled();
  });

  it('rejects a message whose frame is already gone', async () => {
    const { ours, client, handler } = setup();
    expect(await handler({ sender: ours, senderFrame: null }, 'session.staff', {})).toMatchObject({ ok: false });
    expect(client.call).not.toHaveBeenCalled();
  });

  it('rejects a message whose frame was disposed (the senderFrame getter throws)', async () => {
    const { ours, client, handler } = setup();
    const event = {
      sender: ours,
      get senderFrame(): Frame {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(await handler(event, 'session.staff', {})).toMatchObject({ ok: false, error: { code: 'transport' } });
    expect(client.call).not.toHaveBeenCalled();
  });

  it('turns a failing client into a transport error value, never a rejection', async () => {
    const { ours, client, handler } = setup();
    client.call.mockRejectedValueOnce(new Error('boom'));
    await expect(handler({ sender: ours, senderFrame: mainFrameOf(ours) }, 'session.staff', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'transport' },
    });
  });

  it('rejectSender explains each refusal', () => {
    const ours = makeContents(1);
    const trusted = trustedSet(ours);
    expect(rejectSender({ sender: ours, senderFrame: mainFrameOf(ours) } as any, trusted)).toBeNull();
    expect(rejectSender({ sender: makeContents(3), senderFrame: null } as any, trusted)).toMatch(/our windows/);
    expect(rejectSender({ sender: ours, senderFrame: { ...mainFrameOf(ours), url: 'file:///x' } } as any, trusted)).toMatch(/origin/);
  });
});

describe('IPC events', () => {
  it('sends host events to our windows as (event, payload), skipping windows off our origin', () => {
    const ours = makeContents(1);
    const strayed = makeContents(2, 'https://evil.example/');
    let emit: HostEventListener = () => {};
    registerIpc({
      client: { call: vi.fn(), onEvent: (l) => ((emit = l), () => {}) },
      trusted: trustedSet(ours, strayed),
      log: () => {},
    });
    emit('session.changed', { staffId: 's1' });
    expect(ours.send).toHaveBeenCalledWith(EVENT_CHANNEL, 'session.changed', { staffId: 's1' });
    expect(strayed.send).not.toHaveBeenCalled();
  });
});
