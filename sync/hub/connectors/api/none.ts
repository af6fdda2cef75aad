// The connectors' state of a hub that has no API connectors: a hub on PostgreSQL (the connectors'
// tables, cursors and outbox live in the SQLite store only). It lists none, so a customer's erasure
// queues no deletion and GET /v1/admin/connectors answers an empty list; anything that would add or
// run a connector is refused with the reason.
import type { ConnectorRecord, ConnectorRun, ConnectorState, CursorRecord, Identity, OutboxItem } from './state.js';

export const NO_CONNECTORS_REASON = 'API connectors run on the SQLite hub store only; this hub keeps its data in PostgreSQL.';

function refuse(): never {
  throw new Error(NO_CONNECTORS_REASON);
}

export class NoConnectorState implements ConnectorState {
  /** No connector tables to join: the store's own calls inside `work` are each their own transaction. */
  atomically<T>(work: () => Promise<T>): Promise<T> {
    return work();
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
}
