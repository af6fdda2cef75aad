// The store hub's command line.
//
//   node dist/node/sync/hub/cli.js [serve] [--db FILE | --database postgres://…] [--host H] [--port P] [--drop DIR] [--workers N]
//   node dist/node/sync/hub/cli.js migrate [--db FILE | --database postgres://…]
//   node dist/node/sync/hub/cli.js device enrol --store S1 [--minutes N] [--url URL]
//   node dist/node/sync/hub/cli.js device add --store S1 [--days N] | device revoke ID | device list
//   node dist/node/sync/hub/cli.js admin add [--name NAME] [--days N] | admin revoke ID | admin list
//   node dist/node/sync/hub/cli.js import FILE | imports
//   node dist/node/sync/hub/cli.js staff chain-grant ID | staff chain-revoke ID | staff chain-list
//   node dist/node/sync/hub/cli.js seed-demo [--replica FILE]
//   node dist/node/sync/hub/cli.js customer erase ID|EMAIL|PHONE [--by NAME] | customer erasures
//   node dist/node/sync/hub/cli.js connector add VENDOR --set k=v … | connector list | status [ID] | run ID | dead ID
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CONNECTOR_USAGE, connectorCommand, connectorDeps } from './connectors/api/cli.js';
import { ConnectorScheduler } from './connectors/api/scheduler.js';
import { MAX_CSV_BYTES, importCsv, refuseTooLarge } from './connectors/csvImport.js';
import { watchDropFolder } from './connectors/dropFolder.js';
import { formatReport } from './connectors/formatReport.js';
import { decodeEnrolmentCode, encodeEnrolmentCode, isLoopbackUrl } from '../protocol/index.js';
import { HubReports } from './reports/index.js';
import { buildHubServer, DEVICE_TOKEN_DAYS } from './server.js';
import { recountDemoStock } from './demoStock.js';
import { eraseCustomer, formatErasure, listErasures } from './erasure.js';
import { seedFromReplica } from './seedFromReplica.js';
import { describeDatabase, hidePassword, hubDatabase, type HubDatabase } from './database.js';
import { migratePostgres, openPostgresHub } from './postgres/hubProcess.js';
import type { WindowCounter } from './sharedLimits.js';
import { SqliteHubStore } from './sqliteStore.js';
import type { HubStore } from './store.js';
import { hubTls, operatorTls, type HubTls } from './tls.js';
import { forkWorkers, leaveCluster, parseWorkers, runsBackgroundWork } from './workers.js';

const USAGE = `Usage: npm run hub -- [command] [options]

  serve (default)              start the hub over HTTPS   --host 127.0.0.1 --port 4870
        --tls-cert F --tls-key F  the operator's certificate and key (default: the hub's own CA, made on first start)
        --plain                plain HTTP, only when --host is a loopback address
        --drop DIR             and import feed CSV files (stock, catalog, stores, …) dropped into DIR
        --analytics-days N     keep analytics events N days in full, then as daily counts (default 90)
        (connectors added with \`connector add\` run on their intervals while the hub serves)
        --demo-stock           a demo hub: re-send a few stock counts of each store every 2 minutes, as a live stock feed would
        --workers N            N hub processes on one port and one database (PostgreSQL only: --database)
  migrate                      bring the database to this version's schema (run it before starting an upgraded hub)
  device enrol --store S1      print a single-use enrolment code for a new register of S1 (valid 15 minutes);
                               the hub names the register (R1, R2, … in its store)
        --minutes N --url URL  how long it is valid; the hub's address as registers reach it
  device add --store S1        issue a device token for store S1 (shown once)
        --days N               the token expires after N days (default 365)
        --register R2          record the register's name at the hub (then its events must carry it);
                               without it the hub names the register (R1, R2, … in its store)
  device revoke ID             revoke a device's token
  device list                  list devices
  admin add [--name NAME]      issue an admin token for CSV uploads (shown once); --days N as above
  admin revoke ID | admin list
  import FILE                  import one feed CSV file and print its report
  imports                      list the latest import reports
  staff chain-grant ID         give a merchandiser or manager the chain-level role (publishes chain-wide merch config)
  staff chain-revoke ID | staff chain-list
  customer erase ID|EMAIL|PHONE  erase a customer at the hub (tombstone, identifiers and consents deleted, pending
                               sends dropped) and queue the deletion at every outbound connector (Klaviyo, Segment)
        --by NAME              who asks (kept in the erasure audit; default: the operating-system user)
  customer erasures            the erasure audit: who asked, when, which customer (by id), what was deleted, each deletion's state
  seed-demo [--replica F]      load the demo chain (built with scripts/demo.js unless F is given)
${CONNECTOR_USAGE}

  --db FILE                    the hub's SQLite database (default .endcap-hub/hub.db)
  --database postgres://USER@HOST:PORT/DB?sslmode=verify-full
                               keep the hub's data in PostgreSQL instead (or set ENDCAP_HUB_DATABASE); give the
                               password in PGPASSWORD or ~/.pgpass, not in the address (command lines are visible).
                               On PostgreSQL the hub serves no chain reports and runs no API connectors.`;

/** How often a demo hub's store systems send counts (--demo-stock). */
const DEMO_RECOUNT_MS = 2 * 60_000;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/** --days N as an expiry date from now; a device token without --days lives DEVICE_TOKEN_DAYS, an admin token forever. */
function expiry(days: string | undefined, now: Date, defaultDays?: number): { expiresAt?: Date } {
  if (days === undefined) return defaultDays ? { expiresAt: new Date(now.getTime() + defaultDays * 86_400_000) } : {};
  const n = Number(days);
  if (!Number.isInteger(n) || n <= 0 || n > 3650) fail('--days must be a whole number of days from 1 to 3650.');
  return { expiresAt: new Date(now.getTime() + n * 86_400_000) };
}

const state = (r: { expiresAt: string | null; revokedAt: string | null }, now: Date) =>
  r.revokedAt ? `revoked ${r.revokedAt}` : r.expiresAt && r.expiresAt <= now.toISOString() ? `expired ${r.expiresAt}` : r.expiresAt ? `active until ${r.expiresAt}` : 'active';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      db: { type: 'string', default: '.endcap-hub/hub.db' },
      database: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4870' },
      store: { type: 'string' },
      replica: { type: 'string' },
      days: { type: 'string' },
      name: { type: 'string' },
      drop: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      plain: { type: 'boolean' },
      minutes: { type: 'string', default: '15' },
      url: { type: 'string' },
      'analytics-days': { type: 'string', default: '90' },
      'demo-stock': { type: 'boolean' },
      help: { type: 'boolean' },
      id: { type: 'string' },
      set: { type: 'string', multiple: true },
      'secret-file': { type: 'string' },
      workers: { type: 'string', default: '1' },
      by: { type: 'string' },
      register: { type: 'string' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const found = hubDatabase(values);
  if (typeof found === 'string') fail(found);
  const database = (named = found);
  const workers = parseWorkers(values.workers);
  if (typeof workers === 'string') fail(workers);
  // The SQLite store counts versions in its own process: a second writing process would reuse them.
  if (workers > 1 && database.kind === 'sqlite') fail('--workers needs a database several hub processes may write; the SQLite store is one process only.');
  // The hub's own CA is made once, before the workers start: each would otherwise make its own.
  if ((positionals[0] ?? 'serve') === 'serve' && workers > 1 && !values.plain && !values['tls-cert']) await loadTls(values);
  if ((positionals[0] ?? 'serve') === 'serve' && forkWorkers({ workers })) return;
  const [command = 'serve', sub, arg] = positionals;
  if (command === 'migrate') return migrate(database);
  if (database.kind === 'sqlite') fs.mkdirSync(path.dirname(values.db), { recursive: true });
  const postgres = database.kind === 'postgres' ? await openPostgresHub(database.url) : undefined;
  const store = postgres?.store ?? new SqliteHubStore(values.db);
  const connectorState = () => store.connectorState();

  if (command === 'serve') {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be a port number.');
    const plainUrl = `http://${values.host.includes(':') ? `[${values.host}]` : values.host}:${port}`;
    if (values.plain && !isLoopbackUrl(plainUrl)) fail('--plain serves HTTP, which only a hub on loopback may: registers on the store network need TLS.');
    const tls = values.plain ? undefined : await loadTls(values);
    // Chain reports: their own connection to the SQLite file, or the PostgreSQL store's pool (migration 5).
    const reports = postgres ? new HubReports(postgres.store.reportDb()) : new HubReports(values.db);
    const counter: WindowCounter | undefined = postgres?.counter;
    const app = buildHubServer(store, { logger: true, reports, connectors: connectorState(), ...(tls ? { tls } : {}), ...(counter ? { sharedCounter: counter } : {}) });
    app.log.info(`hub data in ${describeDatabase(database)}`);
    if (tls) app.log.info({ caFingerprint: tls.caFingerprint }, 'serving HTTPS; registers pin this CA through their enrolment code');
    // With --workers, one worker runs the background work (a dropped file must be imported once).
    const background = runsBackgroundWork();
    const drop = values.drop && background
      ? watchDropFolder(store, values.drop, {
          onReport: (r) => app.log.info({ import: r.id, file: r.file, status: r.status, applied: r.rowsApplied, rejected: r.rowsRejected }, formatReport(r)),
          onError: (file, err) => app.log.error({ file, err }, 'could not file away a dropped CSV'),
        })
      : undefined;
    const keepDays = Number(values['analytics-days']);
    if (!Number.isInteger(keepDays) || keepDays < 1 || keepDays > 3650) fail('--analytics-days must be a whole number of days from 1 to 3650.');
    // Analytics events past their retention become daily counts, at start and every six hours.
    const compact = async () => {
      const n = await store.compactAnalytics(new Date(Date.now() - keepDays * 86_400_000));
      if (n) app.log.info({ compacted: n }, `compacted ${n} analytics events older than ${keepDays} days into daily counts`);
    };
    if (background) await compact();
    const compactor = background ? setInterval(() => void compact().catch((err: unknown) => app.log.error({ err }, 'analytics compaction failed')), 6 * 3_600_000) : undefined;
    compactor?.unref();
    // A demo has no store system sending stock: its counts would age past the stale flag in minutes.
    const recount = values['demo-stock'] && background ? setInterval(() => void recountDemoStock(store, new Date()).catch((err: unknown) => app.log.error({ err }, 'demo recount failed')), DEMO_RECOUNT_MS) : undefined;
    if (values['demo-stock'] && background) await recountDemoStock(store, new Date());
    recount?.unref();
    // API connectors run on their intervals while the hub serves (`connector set ID --set interval=…`).
    const scheduler = background ? new ConnectorScheduler(connectorDeps(store, values.db), app.log) : undefined;
    scheduler?.start();
    const close = () =>
      void (drop?.close() ?? Promise.resolve())
        .then(() => app.close())
        .then(() => scheduler?.stop())
        .finally(() => (clearInterval(compactor), clearInterval(recount), reports.close(), void (postgres ?? store).close().finally(leaveCluster)));
    process.once('SIGINT', close);
    process.once('SIGTERM', close);
    // Loopback unless told otherwise; put a TLS-terminating proxy in front to expose it.
    await app.listen({ host: values.host, port });
    return;
  }
  const now = new Date();
  try {
    if (command === 'device' && sub === 'enrol') {
      if (!values.store) fail('device enrol needs --store STORE_ID.');
      await requireStore(store, values.store);
      const minutes = Number(values.minutes);
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) fail('--minutes must be a whole number from 1 to 1440.');
      const port = Number(values.port);
      const url = values.url ?? (values.plain ? `http://${values.host}:${port}` : `https://${values.host}:${port}`);
      if (url.startsWith('http:') && !isLoopbackUrl(url)) fail('A register reaches a hub on the store network over https:// only.');
      // The certificate must name the address in the code (a new name is added to the server certificate now).
      if (url.startsWith('https:')) await loadTls(values, [new URL(url).hostname]);
      const expiresAt = new Date(now.getTime() + minutes * 60_000);
      const code = encodeEnrolmentCode({ url, secret: await store.addEnrolment(values.store, now, expiresAt) });
      if (!decodeEnrolmentCode(code).ok) fail('The enrolment code could not be made (check --url).');
      console.log(`Enrolment code for a new register of store ${values.store} (single use, valid until ${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC).`);
      console.log('On the register: "Connect to your store hub", then type it (spaces, dashes and case do not matter):\n');
      console.log(code);
    } else if (command === 'device' && sub === 'add') {
      if (!values.store) fail('device add needs --store STORE_ID.');
      await requireStore(store, values.store);
      if (values.register !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(values.register)) fail('--register must be 1 to 64 letters, digits, dots, dashes or underscores.');
      // Without --register the hub names the register, as it names one set up with a code (R1, R2, … in its store).
      const { device, token } = await store.addDevice(values.store, now, { ...expiry(values.days, now, DEVICE_TOKEN_DAYS), ...(values.register ? { registerId: values.register } : { nameRegister: true }) });
      console.log(`device ${device.id} for store ${device.storeId}${device.registerId ? `, register ${device.registerId}` : ''}${device.expiresAt ? `, expires ${device.expiresAt}` : ''}`);
      console.log(`token (shown once, keep it secret): ${token}`);
      console.log(`The register takes its name from the hub when it first connects (or set "register": "${device.registerId}" in its hub config).`);
    } else if (command === 'device' && sub === 'revoke') {
      if (!arg) fail('device revoke needs a device id.');
      if (!await store.revokeDevice(arg, now)) fail(`No active device ${arg}.`);
      console.log(`device ${arg} revoked`);
    } else if (command === 'device' && sub === 'list') {
      for (const d of await store.listDevices()) console.log(`${d.id}\t${d.storeId}\t${d.registerId ?? '-'}\t${d.createdAt}\t${state(d, now)}`);
    } else if (command === 'admin' && sub === 'add') {
      const { admin, token } = await store.addAdmin(values.name ?? 'admin', now, expiry(values.days, now));
      console.log(`admin ${admin.id} (${admin.name})${admin.expiresAt ? `, expires ${admin.expiresAt}` : ''}`);
      console.log(`token (shown once, keep it secret): ${token}`);
    } else if (command === 'admin' && sub === 'revoke') {
      if (!arg) fail('admin revoke needs an admin id.');
      if (!await store.revokeAdmin(arg, now)) fail(`No active admin ${arg}.`);
      console.log(`admin ${arg} revoked`);
    } else if (command === 'admin' && sub === 'list') {
      for (const a of await store.listAdmins()) console.log(`${a.id}\t${a.name}\t${a.createdAt}\t${state(a, now)}`);
    } else if (command === 'import') {
      if (!sub) fail('import needs a CSV file.');
      const input = { file: path.basename(sub), source: 'cli' as const, now };
      const report = await (fs.statSync(sub).size > MAX_CSV_BYTES ? refuseTooLarge(store, input) : importCsv(store, { ...input, text: fs.readFileSync(sub, 'utf8') }));
      console.log(formatReport(report));
      if (report.status !== 'applied') process.exitCode = 1;
    } else if (command === 'staff' && sub === 'chain-grant') {
      if (!arg) fail('staff chain-grant needs a staff id.');
      const staff = await store.transact(async (reader) => ({ changes: [], result: await reader.row('staff', { id: arg }) }));
      if (!staff || (staff.role !== 'merchandiser' && staff.role !== 'manager')) fail(`${arg} is not a merchandiser or manager known at the hub.`);
      await store.grantChainRole(arg, now);
      console.log(`${arg} holds the chain-level role`);
    } else if (command === 'staff' && sub === 'chain-revoke') {
      if (!arg) fail('staff chain-revoke needs a staff id.');
      if (!await store.revokeChainRole(arg)) fail(`${arg} holds no chain-level role.`);
      console.log(`${arg} no longer holds the chain-level role`);
    } else if (command === 'staff' && sub === 'chain-list') {
      for (const r of await store.listChainRoles()) console.log(`${r.staffId}\t${r.grantedAt}`);
    } else if (command === 'customer' && sub === 'erase') {
      if (!arg) fail('customer erase needs the customer id, email address or phone number.');
      const result = await eraseCustomer(store, connectorState(), arg, now, { by: 'cli', name: values.by?.trim() || os.userInfo().username });
      console.log(`customer ${result.customerId} erased (${result.erased.length} profile(s), ${result.identifiersRemoved} identifier(s), ${result.consentsRemoved} consent(s) deleted, ${result.sendsDropped} pending send(s) dropped)`);
      for (const q of result.deletionsQueued) console.log(`deletion queued for ${q.connectorId} (${q.vendor}); it leaves on the connector's next run`);
    } else if (command === 'customer' && sub === 'erasures') {
      for (const e of await listErasures(connectorState())) console.log(formatErasure(e));
    } else if (command === 'connector') {
      await connectorCommand(store, { db: values.db, sub, arg, id: values.id, set: values.set, secretFile: values['secret-file'] }, fail);
    } else if (command === 'imports') {
      for (const r of await store.listImports(20)) console.log(`${formatReport(r, { rows: 0 })}\n`);
    } else if (command === 'seed-demo') {
      const replica = values.replica ?? buildDemoReplica();
      const counts = await seedFromReplica(store, replica);
      // The demo's counts were taken when it was built; its store systems count again as it loads.
      await recountDemoStock(store, now);
      if (!values.replica) {
        fs.rmSync(path.dirname(replica), { recursive: true, force: true });
        // The demo chain's merchandisers work for the whole chain: they publish its merch config.
        const merchandisers = await store.transact(async (reader) => ({ changes: [], result: await reader.rowsWhere('staff', 'role', 'merchandiser') }));
        for (const m of merchandisers) await store.grantChainRole(String(m.id), now);
      }
      console.log(Object.entries(counts).map(([t, n]) => `${t}: ${n.toLocaleString('en-US')}`).join('\n'));
    } else {
      fail(`Unknown command ${[command, sub].filter(Boolean).join(' ')}.`);
    }
  } finally {
    await (postgres ?? store).close();
  }
}

/** `migrate`: PostgreSQL's numbered migrations; a SQLite file migrates itself whenever the store opens it. */
async function migrate(database: HubDatabase): Promise<void> {
  if (database.kind === 'postgres') {
    const applied = await migratePostgres(database.url);
    console.log(applied.length ? `${describeDatabase(database)}: applied ${applied.join(', ')}` : `${describeDatabase(database)}: already at the newest schema`);
    return;
  }
  fs.mkdirSync(path.dirname(database.file), { recursive: true });
  await new SqliteHubStore(database.file).close();
  console.log(`${describeDatabase(database)}: up to date (the SQLite store brings its file up to date whenever it opens it)`);
}

/** A device belongs to a store the hub knows: a typo would make a register that never sees its own data. */
async function requireStore(store: HubStore, id: string): Promise<void> {
  const location = await store.transact(async (reader) => ({ changes: [], result: await reader.row('locations', { id }) }));
  if (location?.kind !== 'store') fail(`${id} is not a store known at the hub (load the catalog first: seed-demo or a locations import).`);
}

/** The operator's certificate and key, or the hub's own CA and server certificate kept beside the database. */
async function loadTls(values: { db: string; host: string; 'tls-cert'?: string; 'tls-key'?: string }, extraHosts: string[] = []): Promise<HubTls> {
  if (values['tls-cert'] || values['tls-key']) {
    if (!values['tls-cert'] || !values['tls-key']) fail('Give both --tls-cert and --tls-key.');
    return operatorTls(values['tls-cert'], values['tls-key']);
  }
  return hubTls(path.join(path.dirname(values.db), 'tls'), [values.host, ...extraHosts]);
}

/** Runs the device's demo script in its own process (the hub does not link device code). */
function buildDemoReplica(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-hub-seed-'));
  const script = path.resolve(__dirname, '../../scripts/demo.js');
  const run = spawnSync(process.execPath, [script, '--data-dir', dir], { stdio: 'inherit' });
  if (run.status !== 0) fail('Building the demo replica failed.');
  return path.join(dir, 'endcap.db');
}

/** The database named on the command line, for hiding its password in an error. */
let named: HubDatabase | undefined;

main().catch((err: unknown) => {
  console.error(hidePassword(err instanceof Error ? err.message : String(err), named));
  process.exit(1);
});
