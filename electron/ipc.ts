// The Electron transport of the app API: one invoke channel in, one event channel out.
// Every call is checked to come from the main frame of one of our windows, showing our
// own page, before it is passed to the database host.
import { ipcMain, type IpcMainInvokeEvent, type WebContents, type WebFrameMain } from 'electron';
import type { ApiResult } from '../core/contract/index.js';
import { isAppUrl } from './appProtocol.js';
import type { DbHostClient } from './dbHostClient.js';
import { transportError } from './dbHostMessages.js';

export const CALL_CHANNEL = 'endcap:call';
export const EVENT_CHANNEL = 'endcap:event';

/** Which webContents are ours (our windows' registry). */
export interface TrustedContents {
  has(wc: WebContents): boolean;
  all(): WebContents[];
}

/** Why a sender is refused, or null if it is trusted. */
export function rejectSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, trusted: TrustedContents): string | null {
  const { sender } = event;
  if (!sender || sender.isDestroyed() || !trusted.has(sender)) return 'not one of our windows';
  let frame: WebFrameMain | null;
  try {
    frame = event.senderFrame; // may throw if the frame was disposed meanwhile
  } catch {
    frame = null;
  }
  if (!frame) return 'the sending frame is gone';
  // A WebFrameMain object may differ per access; the (process, routing) pair names the frame.
  const main = sender.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) {
    return 'not the main frame';
  }
  if (!isAppUrl(frame.url)) return 'not our origin';
  return null;
}

export interface IpcOptions {
  client: Pick<DbHostClient, 'call' | 'onEvent'>;
  trusted: TrustedContents;
  log?: (message: string) => void;
}

/** Registers the one handler and starts forwarding events; returns an undo for tests/shutdown. */
export function registerIpc(options: IpcOptions): () => void {
  const log = options.log ?? ((m: string) => console.warn(`[ipc] ${m}`));

  ipcMain.handle(CALL_CHANNEL, async (event, name: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    const reason = rejectSender(event, options.trusted);
    if (reason !== null) {
      log(`refused a call from ${safeUrl(event)}: ${reason}`);
      return transportError('This window may not call the Endcap API.');
    }
    try {
      return await options.client.call(name, input);
    } catch (error) {
      return transportError(`The call failed in transit: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  const stopEvents = options.client.onEvent((name, payload) => {
    for (const wc of options.trusted.all()) {
      // Only a window still showing our page hears about the device.
      if (!wc.isDestroyed() && isAppUrl(wc.getURL())) wc.send(EVENT_CHANNEL, name, payload);
    }
  });

  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    stopEvents();
  };
}

function safeUrl(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): string {
  try {
    return event.senderFrame?.url.slice(0, 200) || '(unknown frame)';
  } catch {
    return '(unknown frame)';
  }
}
