// Runs sandboxed: only `require('electron')` is available at runtime, so everything else
// imported here must be a type. Exposes `window.endcap` with `call` and `on` and nothing
// else; the renderer never sees ipcRenderer or an IPC event object.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiResult, EndcapBridge } from '../core/contract/index.js';

// Kept in step with electron/ipc.ts (not imported: the sandbox cannot load our modules).
const CALL_CHANNEL = 'endcap:call';
const EVENT_CHANNEL = 'endcap:event';

function transportError(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'transport', message } };
}

async function call(name: unknown, input: unknown): Promise<ApiResult<unknown>> {
  if (typeof name !== 'string') return transportError('The call name must be a string.');
  try {
    return (await ipcRenderer.invoke(CALL_CHANNEL, name, input)) as ApiResult<unknown>;
  } catch (error) {
    // e.g. an input that cannot be cloned (a function, a DOM node)
    return transportError(`The call could not be sent: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function on(event: unknown, listener: unknown): () => void {
  if (typeof event !== 'string') throw new TypeError('endcap.on: the event name must be a string.');
  if (typeof listener !== 'function') throw new TypeError('endcap.on: the listener must be a function.');
  const forward = (_ipcEvent: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (name === event) listener(payload);
  };
  ipcRenderer.on(EVENT_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  };
}

const bridge = { call, on } as EndcapBridge;
contextBridge.exposeInMainWorld('endcap', bridge);
