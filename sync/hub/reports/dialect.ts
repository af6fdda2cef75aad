// The one seam between the report SQL and the database it runs on: the fold and the report
// queries are written once (fold.ts, report.ts, capture.ts, access.ts) and ask this for the few
// expressions SQLite and PostgreSQL spell differently — reading a JSON field, expanding a JSON
// array, a store's local day, "insert unless present", a planner hint.

/** What the report modules need from a database: named parameters (@name), one transaction for the fold. */
export interface ReportDb {
  readonly dialect: ReportDialect;
  all<T>(sql: string, params?: Record<string, unknown>): Promise<T[]>;
  run(sql: string, params?: Record<string, unknown>): Promise<void>;
  /** Runs `work` in one transaction that no hub write interleaves with (what is folded is what the cursor then says). */
  transaction<T>(work: () => Promise<T>): Promise<T>;
}

/** A path into a JSON document: field names and array indexes. */
export type JsonPath = readonly (string | number)[];
/** How a JSON value is read: as text, a whole number, a real, a flag (0/1, missing = 0), or the JSON text itself. */
export type JsonAs = 'text' | 'int' | 'real' | 'flag' | 'json';

export interface ReportDialect {
  readonly name: 'sqlite' | 'postgres';
  /** A JSON document held as text in a column, ready for `get`/`each`. */
  doc(column: string): string;
  /** A FROM item: the events as `alias`, with each payload read as a document once (`payload(alias)`). */
  events(alias: string): string;
  payload(alias: string): string;
  /** The value at `path` of a document (`doc(…)`, or an element `each` gave). */
  get(doc: string, path: JsonPath, as: JsonAs): string;
  /** A FROM item: the elements of the array at `path` of a document, as `alias.value` (a document). */
  each(doc: string, path: JsonPath, alias: string): string;
  /** A FROM item: the text elements of a JSON array held as text, as `alias.value` (text). */
  eachText(column: string, alias: string): string;
  /** The hub's key text of a one-column key (as `keyText` writes it). */
  key1(expr: string): string;
  /** The JSON text of the distinct non-null values of `expr` in a group ('[]' for none). */
  distinctArray(expr: string): string;
  /** The ISO instant `days` days after (or, negative, before) an ISO instant. */
  isoPlusDays(iso: string, days: number): string;
  /** A store's local day (YYYY-MM-DD), hour (0–23) and weekday (0 = Sunday) at an ISO instant (storeCalendar.ts). */
  localDay(store: string, iso: string): string;
  localHour(store: string, iso: string): string;
  localWeekday(store: string, iso: string): string;
  /** A condition as 0/1. */
  flag(condition: string): string;
  /** The sum as a real, 0 for no rows (SQLite's total). */
  total(expr: string): string;
  /** An insert that skips rows whose key is present: `${insertIgnore} table (…) SELECT … ${ignoreEnd}`. */
  readonly insertIgnore: string;
  readonly ignoreEnd: string;
  /** A join whose order the planner must keep (SQLite's CROSS JOIN … ON; a plain JOIN elsewhere). */
  readonly fixedJoin: string;
  /** `INDEXED BY name` where the planner needs telling, else nothing. */
  indexedBy(index: string): string;
  /** The write order of events (their position for the fold's cursor). */
  readonly eventSeq: string;
}

const sqlitePath = (path: JsonPath) => `'$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}'`;

export const SQLITE_DIALECT: ReportDialect = {
  name: 'sqlite',
  doc: (column) => column,
  events: (alias) => `events ${alias}`,
  payload: (alias) => `${alias}.payload`,
  get: (doc, path, as) => {
    // An element of a JSON array of scalars is the scalar itself.
    if (path.length === 0) return doc;
    const v = `json_extract(${doc}, ${sqlitePath(path)})`;
    return as === 'flag' ? `(coalesce(${v}, 0) <> 0)` : v;
  },
  each: (doc, path, alias) => `json_each(${doc}, ${sqlitePath(path)}) ${alias}`,
  eachText: (column, alias) => `json_each(${column}) ${alias}`,
  key1: (expr) => `json_array(${expr})`,
  distinctArray: (expr) => `json_group_array(DISTINCT ${expr})`,
  isoPlusDays: (iso, days) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${iso}, '${days >= 0 ? '+' : ''}${days} days')`,
  localDay: (store, iso) => `local_day(${store}, ${iso})`,
  localHour: (store, iso) => `local_hour(${store}, ${iso})`,
  localWeekday: (store, iso) => `local_weekday(${store}, ${iso})`,
  flag: (condition) => condition,
  total: (expr) => `total(${expr})`,
  insertIgnore: 'INSERT OR IGNORE INTO',
  ignoreEnd: '',
  fixedJoin: 'CROSS JOIN',
  indexedBy: (index) => `INDEXED BY ${index}`,
  eventSeq: 'rowid',
};

const pgPath = (path: JsonPath) => `'{${path.join(',')}}'`;
const PG_CASTS: Record<Exclude<JsonAs, 'text' | 'json' | 'flag'>, string> = { int: 'bigint', real: 'double precision' };
/** The store's time zone (name `store` with its table: rpt_zones has a store_id of its own): rpt_zones is filled at the start of each fold with the zones the hub holds (checked as storeCalendar.ts checks them). */
const pgLocal = (store: string, iso: string) => `((${iso})::timestamptz AT TIME ZONE coalesce((SELECT z.tz FROM rpt_zones z WHERE z.store_id = ${store}), 'UTC'))`;

export const POSTGRES_DIALECT: ReportDialect = {
  name: 'postgres',
  doc: (column) => `(${column})::jsonb`,
  // OFFSET 0 keeps the subquery from being folded into each expression that reads it: the text is parsed once per event.
  events: (alias) => `events ${alias} CROSS JOIN LATERAL (SELECT (${alias}.payload)::jsonb AS doc OFFSET 0) ${alias}_doc`,
  payload: (alias) => `${alias}_doc.doc`,
  get: (doc, path, as) => {
    if (as === 'json') return `(${doc} #> ${pgPath(path)})::text`;
    const v = `(${doc} #>> ${pgPath(path)})`;
    if (as === 'text') return v;
    if (as === 'flag') return `coalesce(${v}::boolean, false)::int`;
    return `${v}::${PG_CASTS[as]}`;
  },
  each: (doc, path, alias) => `jsonb_array_elements(${doc} #> ${pgPath(path)}) ${alias}(value)`,
  eachText: (column, alias) => `jsonb_array_elements_text((${column})::jsonb) ${alias}(value)`,
  key1: (expr) => `jsonb_build_array((${expr})::text)::text`,
  distinctArray: (expr) => `coalesce(jsonb_agg(DISTINCT ${expr}), '[]')::text`,
  isoPlusDays: (iso, days) => `to_char(((${iso})::timestamptz + interval '${days} days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  localDay: (store, iso) => `to_char(${pgLocal(store, iso)}, 'YYYY-MM-DD')`,
  localHour: (store, iso) => `extract(hour FROM ${pgLocal(store, iso)})::int`,
  localWeekday: (store, iso) => `extract(dow FROM ${pgLocal(store, iso)})::int`,
  flag: (condition) => `(${condition})::int`,
  total: (expr) => `coalesce(sum(${expr}), 0)::double precision`,
  insertIgnore: 'INSERT INTO',
  ignoreEnd: 'ON CONFLICT DO NOTHING',
  fixedJoin: 'JOIN',
  indexedBy: () => '',
  eventSeq: 'seq',
};
