// A sync client that does nothing, for host tests: enough for a host to treat the register as
// enrolled with a hub. Override what a test watches (start, connection, identity).
import type { SyncAttachment } from '../host/deviceHost.js';

export function idleSync(overrides: Partial<SyncAttachment> = {}): SyncAttachment {
  return {
    connection: () => 'offline',
    identity: () => null,
    bootstrapProgress: () => null,
    nudge() {},
    syncNow() {},
    noteActivity() {},
    setForeground() {},
    onChange: () => () => {},
    start() {},
    stop() {},
    ...overrides,
  };
}
