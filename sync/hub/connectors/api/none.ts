// The connectors' state of a hub that has no API connectors: a hub on PostgreSQL (the connectors'
// tables, cursors, outbox and the erasure audit live in the SQLite store only). It lists none, so
// GET /v1/admin/connectors answers an empty list; anything that would add or run a connector is
// refused with the reason, and so is an erasure: it must never happen without its audit entry.
import type { ConnectorRecord, ConnectorRun, ConnectorState, CursorRecord, ErasureRecord, Identity, OutboxItem } from './state.js';

export const NO_CONNECTORS_REASON = 'API connectors and customer erasure (with its audit) run on the SQLite hub store only; this hub keeps its data in PostgreSQL.';

/** Thrown for anything that needs the connectors' tables on a hub that has none; the API answers 409 with its reason. */
export class ConnectorsUnavailable extends Error {
  constructor() {
    super(NO_CONNECTORS_REASON);
  }
}

function refuse(): never {
  throw new ConnectorsUnavailable();
}

export class NoConnectorState implements ConnectorState {
  /** Nothing may run that needs the connectors' tables (a connector run, an audited erasure). */
  atomically<T>(): Promise<T> {
    return Promise.reject(new ConnectorsUnavailable());
  }
  addConnector(): void { refuse(); }
  updateConfig(): void { refuse(); }
  listConnectors(): ConnectorRecord[] { return []; }
  connector(): ConnectorRecord | null { return null; }
  cursor(): unknown { return null; }
  putCursor(): void { refuse(); }
  cursors(): CursorRecord[] { return []; }
  startRun(): number { refuse(); }
  finishRun(): void { refuse(); }
  runs(): ConnectorRun[] { return []; }
  customerRowsSince(): never { refuse(); }
  enqueue(items: readonly OutboxItem[]): void { if (items.length) refuse(); }
  due(): OutboxItem[] { return []; }
  outbox(): OutboxItem[] { return []; }
  pendingFor(): OutboxItem[] { return []; }
  settle(): void { refuse(); }
  idsOf(): Map<string, string> { return new Map(); }
  putIds(): void { refuse(); }
  identity(): Identity | null { return null; }
  putIdentity(): void { refuse(); }
  forgetIdentity(): void {}
  recordErasure(): void { refuse(); }
  erasures(): ErasureRecord[] { return []; }
}
