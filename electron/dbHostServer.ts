// The database host's side of the channel: answers calls from the main process with the
// app API and forwards the app's events. Runs inside the utility process (see dbHost.ts).
import type { App } from '../core/api/registry.js';
import { isRecord, transportError, type FromDbHost } from './dbHostMessages.js';

/** What we need of `process.parentPort` (a fake in tests). */
export interface HostPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: FromDbHost): void;
}

export interface ServeOptions {
  /** Called once the main process asks us to stop, after the replica is closed. */
  onShutdown: () => void;
  close: () => void;
}

export function serveApp(port: HostPort, app: App, options: ServeOptions): void {
  const post = (message: FromDbHost) => {
    try {
      port.postMessage(message);
    } catch (error) {
      // A value that cannot be cloned must not leave the caller waiting for a timeout.
      if (message.kind === 'result') {
        port.postMessage({ kind: 'result', id: message.id, result: transportError(`The reply could not be sent: ${String(error)}`) });
      }
    }
  };

  app.subscribe((event, payload) => post({ kind: 'event', event, payload }));

  port.on('message', ({ data }) => {
    if (!isRecord(data)) return;
    if (data.kind === 'shutdown') {
      options.close();
      options.onShutdown();
      return;
    }
    if (data.kind === 'call' && typeof data.id === 'number') {
      // dispatchAsync validates name and input itself and never rejects.
      const id = data.id;
      void app.dispatchAsync(data.name, data.input).then((result) => post({ kind: 'result', id, result }));
    }
  });

  post({ kind: 'ready' });
}
