// The hub's storage, behind one interface: the embedded SQLite store is the default, and a
// PostgreSQL store for a chain implements the same calls. Every call returns a promise (a
// database driver answers over a socket); `transact` and `ingestEvents` stay one transaction each.
import type { Change, OutboxEvent, PushResponse, RejectionCode, Stream } from '../protocol/index.js';
import type { ConnectorState } from './connectors/api/state.js';
import type { VersionSignal } from './versionSignal.js';

export type Row = Record<string, string | number | null>;

export interface DeviceRecord {
  id: string;
  storeId: string;
  createdAt: string;
  /** null = the token never expires. */
  expiresAt: string | null;
  revokedAt: string | null;
  /**
   * The register's name within its store, decided by the hub (R1, R2, … at enrolment) and
   * checked against every event that names a register; absent for a device added by token
   * without one (it names itself in its sync.json).
   */
  registerId?: string;
}

/** A person or system allowed to use the admin endpoints (CSV uploads); belongs to no store. */
export interface AdminRecord {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** Why a token was refused; the device shows it so a person knows whether to re-enrol. */
export type TokenRefusal = 'unknown' | 'revoked' | 'expired';
export type TokenCheck<T> = { ok: true; holder: T } | { ok: false; refusal: TokenRefusal };

/** A row as it now stands at the hub (row = null: deleted), and which store may see it. */
export interface AddDeviceOptions {
  expiresAt?: Date;
  registerId?: string;
  nameRegister?: boolean;
}

export interface RowChange {
  stream: Stream;
  table: string;
  key: Row;
  row: Row | null;
  /** null = every store may see it; a store id = only that store's devices; HUB_ONLY = no device. */
  scopeStoreId: string | null;
  /**
   * Set by a writer that read in this same transaction that the hub holds no live row under this
   * key, and names the key once in the batch (a new order from a feed): a store may then write it
   * without looking for where the row stood. A hint: a store that ignores it writes the same rows.
   */
  fresh?: true;
}

/** Scope of rows no device receives (e.g. customers without a home store). */
export const HUB_ONLY = '';

export interface StoredEvent {
  id: string;
  deviceId: string;
  storeId: string;
  kind: string;
  payload: string;
}

/** An endless-aisle order the hub accepted for fulfilment. */
export interface HubAisleOrder {
  orderId: string;
  eventId: string;
  storeId: string;
  registerId: string;
  associateId: string;
  sku: string;
  quantity: number;
  /** The hub's catalog price when the order arrived: what fulfilment charges. */
  unitPriceCents: number;
  /** The price the register showed (advisory); differs from unitPriceCents when its catalog was behind or it lied. */
  deviceUnitPriceCents: number;
  sourceLocationId: string;
  customerId: string | null;
  /** JSON of the customer's name, email and phone as given at the till. */
  customer: string;
  /** JSON of the delivery address. */
  address: string;
  placedAt: string;
  receivedAt: string;
}

/** One connector file: what was applied and every row refused, with its line number and reason. */
export interface ImportReport {
  id: string;
  file: string;
  /** Which feed the header matched; null when it matched none. */
  kind: 'inventory' | 'catalog' | 'stores' | 'categories' | 'staff' | 'customers' | 'orders' | null;
  /** connector = an API connector calling the same ingest as the files do. */
  source: 'drop' | 'upload' | 'cli' | 'connector';
  receivedAt: string;
  /** applied = every row is in; rejected = nothing is (the file is one transaction). */
  status: 'applied' | 'rejected';
  rowsApplied: number;
  rowsRejected: number;
  /** A problem with the file as a whole (header, encoding, size), if any. */
  fileError: string | null;
  /** Rejected rows by line number in the file (the header is line 1); at most MAX_REPORTED_ROWS. */
  rejections: { line: number; reason: string }[];
}

/** A pull page with its changes already serialized. */
export interface ChangePage {
  /** JSON array of Change objects, in version order. */
  changesJson: string;
  count: number;
  /** Version of the last change, or `since` when the page is empty. */
  cursor: number;
  hasMore: boolean;
  /** Changes the store may see after `cursor`. */
  remaining: number;
}

/** Read access to the hub's current rows, for event appliers running inside an ingest. */
export interface HubReader {
  /** The row as it stands now; null when it was deleted or never existed. */
  row(table: string, key: Row): Promise<Row | null>;
  /** The rows of `table` as they stand now, one per key in the keys' order (null: deleted or never existed), read in few queries. */
  rowsByKey(table: string, keys: readonly Row[]): Promise<(Row | null)[]>;
  /** The current (not deleted) rows of `table` whose key starts with these values (in the protocol's key order), in key order. */
  rowsByKeyPrefix(table: string, prefix: readonly (string | number)[]): Promise<Row[]>;
  /** The current (not deleted) rows of `table` whose `column` equals `value`, in key order. */
  rowsWhere(table: string, column: string, value: string | number): Promise<Row[]>;
  /** The current rows of `table` whose `column` is any of `values`, in key order: rowsWhere for many values in one query. */
  rowsWhereIn(table: string, column: string, values: readonly (string | number)[]): Promise<Row[]>;
  /** The largest value of a numeric column over the current rows of `table`, 0 when there are none. */
  maxOf(table: string, column: string): Promise<number>;
  /** Whether the staff member holds the chain-level role (publishes chain-wide merch config); hub-only staff data. */
  hasChainRole(staffId: string): Promise<boolean>;
  /** Whether a register of `storeId` found this customer through a visiting read (audited) at or after `since` (ISO time). */
  foundVisiting(storeId: string, customerId: string, since: string): Promise<boolean>;
}

/** Events held for analytics only: kept a while in full, then compacted to daily counts. */
export const ANALYTICS_KINDS: readonly string[] = ['starter.shown', 'starter.feedback', 'checkout.outcome'];

/** Analytics events of one kind, store and day (the day the device recorded them, UTC), once compacted. */
export interface AnalyticsDay {
  day: string;
  storeId: string;
  kind: string;
  events: number;
}

/** A staff member granted the chain-level role at the hub (by an operator; never by a device). */
export interface ChainRoleRecord {
  staffId: string;
  grantedAt: string;
}

/** One visiting-customer read, found or not: who asked, from which register, for which key, when. */
export interface VisitingLookupRecord {
  at: string;
  deviceId: string;
  storeId: string;
  registerId: string;
  staffId: string;
  kind: string;
  /** SHA-256 of the key asked for: the audit says what was asked without keeping the address. */
  valueHash: string;
  customerId: string | null;
  outcome: 'found' | 'not_found' | 'refused';
}

/** What one event does to the hub's state, or why the hub refuses it. */
export type Applied =
  | { ok: true; changes: RowChange[]; aisleOrders: HubAisleOrder[] }
  | {
      ok: false;
      reason: string;
      code?: RejectionCode;
      /**
       * Rows written again although the event is refused (never the event's own effect): the
       * hub's current state of rows the device changed on its own before the refusal, so the
       * device pulls them back (a local merge into a customer that had left its store).
       */
      resend?: RowChange[];
    };

/** Turns one new event into state; runs inside the ingest's transaction. */
export type EventApplier = (event: OutboxEvent, device: DeviceRecord, reader: HubReader, receivedAt: Date) => Promise<Applied>;

export interface HubStore {
  /** `registerId`: the register's name in its store, recorded so no other device takes it (refused if taken). */
  /**
   * A device token for a register of `storeId`, recorded under `registerId`, or with `nameRegister`
   * under the store's next name (R1, R2, … as an enrolment gets); with neither, under no name.
   */
  addDevice(storeId: string, now: Date, options?: AddDeviceOptions): Promise<{ device: DeviceRecord; token: string }>;
  revokeDevice(id: string, now: Date): Promise<boolean>;
  listDevices(): Promise<DeviceRecord[]>;
  /** The device holding this token, or why the token is refused. */
  checkDeviceToken(token: string, now: Date): Promise<TokenCheck<DeviceRecord>>;
  addAdmin(name: string, now: Date, options?: { expiresAt?: Date }): Promise<{ admin: AdminRecord; token: string }>;
  revokeAdmin(id: string, now: Date): Promise<boolean>;
  listAdmins(): Promise<AdminRecord[]>;
  checkAdminToken(token: string, now: Date): Promise<TokenCheck<AdminRecord>>;
  /** A single-use enrolment secret for a new device of `storeId`, valid until `expiresAt`. */
  addEnrolment(storeId: string, now: Date, expiresAt: Date): Promise<string>;
  /**
   * The enrolment a register names by its lookup (protocol/enrolment.ts) before it trusts the link:
   * its store and the secret's hash (the key of the hub's proof), or why the code cannot be used.
   */
  findEnrolment(lookup: string, now: Date): Promise<{ storeId: string; secretHash: string } | { refusal: 'unknown' | 'used' | 'expired' }>;
  /** Trades an enrolment secret, once, for a new device and its token, named by the hub as the store's next register; or why it cannot. */
  redeemEnrolment(secret: string, now: Date, options?: { expiresAt?: Date }): Promise<{ device: DeviceRecord; token: string } | { refusal: TokenRefusal | 'used' }>;
  /** A new token for the device (the old one stops working at once), with a new expiry. */
  rotateDeviceToken(id: string, now: Date, options?: { expiresAt?: Date }): Promise<{ device: DeviceRecord; token: string } | null>;
  /** The chain-level role: a merchandiser or manager who may publish chain-wide merch config. */
  grantChainRole(staffId: string, now: Date): Promise<void>;
  revokeChainRole(staffId: string): Promise<boolean>;
  listChainRoles(): Promise<ChainRoleRecord[]>;
  /** Records the current state of rows, each under a new hub version, in one transaction. */
  writeChanges(changes: readonly RowChange[]): Promise<void>;
  /**
   * Runs `work` in one transaction with read access to the current rows; the changes it returns
   * are written in that transaction, or nothing is when it returns or throws an error.
   */
  transact<T>(work: (reader: HubReader) => Promise<{ changes: RowChange[]; result: T }>): Promise<T>;
  /** Changes of one stream a store may see, after `since`, in version order. */
  changesSince(stream: Stream, storeId: string, since: number, limit: number): Promise<{ changes: Change[]; hasMore: boolean; remaining: number }>;
  /**
   * The same page with its changes as one JSON array text, as the wire carries them: a
   * bootstrap page then costs no parse and re-serialization of rows the hub stored as JSON.
   */
  pageSince(stream: Stream, storeId: string, since: number, limit: number): Promise<ChangePage>;
  /**
   * What a long-poll waits on: advanced after every commit that wrote versions, this process's and
   * (PostgreSQL) every other hub process's through a LISTEN connection, opened by the first call.
   * Resolves once that connection listens, so a commit after it is never missed.
   */
  versionSignal(): Promise<VersionSignal>;
  /**
   * Holds and applies the events it does not hold yet, each all-or-nothing in the batch's
   * transaction; an id it already holds is acked again and changes nothing.
   */
  ingestEvents(device: DeviceRecord, events: readonly OutboxEvent[], now: Date, apply: EventApplier): Promise<Omit<PushResponse, 'protocol'>>;
  listEvents(): Promise<StoredEvent[]>;
  /**
   * Analytics events received before `before` become daily counts (AnalyticsDay) and their
   * payloads go; their ids stay, so a late replay is still acked and changes nothing. Returns how many.
   */
  compactAnalytics(before: Date): Promise<number>;
  listAnalyticsDays(): Promise<AnalyticsDay[]>;
  listAisleOrders(): Promise<HubAisleOrder[]>;
  recordImport(report: ImportReport): Promise<void>;
  recordVisitingLookup(entry: VisitingLookupRecord): Promise<void>;
  /** Newest first. */
  listVisitingLookups(limit: number): Promise<VisitingLookupRecord[]>;
  /** Newest first. */
  listImports(limit: number): Promise<ImportReport[]>;
  /** The API connectors' tables and the customer erasure audit, in this store's database: their writes join its transactions. */
  connectorState(): ConnectorState;
  close(): Promise<void>;
}
