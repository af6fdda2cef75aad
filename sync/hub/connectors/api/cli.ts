// `npm run hub -- connector …`: add a connector, list them, show one's status (last run,
// cursors, rows, errors, dead letters), run one now. Credentials are read from a file or the
// ENDCAP_CONNECTOR_SECRET variable (never from the command line, which other users can see in
// the process list) and never printed.
import fs from 'node:fs';
import path from 'node:path';
import type { HubStore } from '../../store.js';
import { realClock } from './http.js';
import { addConnector, configureConnector, describeConnector, runConnector, type ConnectorDeps } from './registry.js';
import { keyFileBox } from './secrets.js';
import { VENDORS, type Vendor } from './state.js';

export const CONNECTOR_USAGE = `  connector add VENDOR         add a connector: shopify | square | lightspeed | klaviyo | segment
        --id ID --set key=value …  its settings (shopify: shop=example.myshopify.com [homeStore=S1] [pageSize=100] [endpoint=URL];
                               lightspeed: domainPrefix=cascade [homeStore=S1] [pageSize=200])
        --secret-file F        its credential (or ENDCAP_CONNECTOR_SECRET); sealed at rest, never printed
        interval=SECONDS         how often \`serve\` runs it (default 300 for shopify, square, lightspeed; 60 for klaviyo, segment)
  connector set ID --set key=value …  change settings (e.g. interval=600; key= removes one)
  connector list | connector status [ID] | connector run ID | connector dead ID`;

export interface ConnectorArgs {
  db: string;
  sub: string | undefined;
  arg: string | undefined;
  id: string | undefined;
  set: string[] | undefined;
  secretFile: string | undefined;
}

/** The hub's connector key lives beside its database (connector.key, mode 0600). */
export function connectorDeps(store: HubStore, db: string): ConnectorDeps {
  return { store, state: store.connectorState(), box: keyFileBox(path.join(path.dirname(db), 'connector.key')), fetch, clock: realClock };
}

export async function connectorCommand(store: HubStore, a: ConnectorArgs, fail: (m: string) => never): Promise<void> {
  const deps = connectorDeps(store, a.db);
  const settings = () => {
    const config: Record<string, string> = {};
    for (const kv of a.set ?? []) {
      const i = kv.indexOf('=');
      if (i < 1) fail(`--set takes key=value, not ${kv}.`);
      config[kv.slice(0, i)] = kv.slice(i + 1);
    }
    return config;
  };
  if (a.sub === 'add') {
    if (!a.arg || !VENDORS.includes(a.arg as Vendor)) fail(`connector add needs a vendor: ${VENDORS.join(', ')}.`);
    const config = settings();
    const secret = a.secretFile ? fs.readFileSync(a.secretFile, 'utf8') : (process.env.ENDCAP_CONNECTOR_SECRET ?? '');
    const c = await addConnector(deps, { vendor: a.arg as Vendor, ...(a.id ? { id: a.id } : {}), config, secret });
    console.log(`connector ${c.id} (${c.vendor}) added; its credential is sealed with ${path.join(path.dirname(a.db), 'connector.key')}`);
  } else if (a.sub === 'set') {
    if (!a.arg) fail('connector set needs a connector id.');
    const c = await configureConnector(deps, a.arg, settings());
    console.log(`connector ${c.id}: ${JSON.stringify(c.config)}`);
  } else if (a.sub === 'list') {
    for (const c of await deps.state.listConnectors()) {
      const d = await describeConnector(deps.state, c);
      console.log(`${c.id}\t${c.vendor}\t${JSON.stringify(c.config)}\tcredential ${d.credential}\t${d.lastRun ? `last run ${d.lastRun.status} ${d.lastRun.finishedAt ?? d.lastRun.startedAt}` : 'never run'}`);
    }
  } else if (a.sub === 'status') {
    const list = a.arg ? [(await deps.state.connector(a.arg)) ?? fail(`No connector ${a.arg}.`)] : await deps.state.listConnectors();
    console.log(JSON.stringify(await Promise.all(list.map((c) => describeConnector(deps.state, c))), null, 2));
  } else if (a.sub === 'run') {
    if (!a.arg) fail('connector run needs a connector id.');
    const outcome = await runConnector(deps, a.arg);
    console.log(JSON.stringify({ ...outcome, ...('reports' in outcome ? { reports: outcome.reports.length } : {}) }, null, 2));
    if (outcome.error) process.exitCode = 1;
  } else if (a.sub === 'dead') {
    if (!a.arg) fail('connector dead needs a connector id.');
    for (const d of await deps.state.outbox(a.arg, 'dead', 1000)) console.log(`${d.id}\t${d.kind}\t${d.customerId}\t${d.attempts} attempts\t${d.lastError}`);
  } else {
    fail(`Unknown command connector ${a.sub ?? ''}.`);
  }
}
