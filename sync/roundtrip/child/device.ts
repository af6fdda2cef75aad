// A device process for the kill -9 test: it records events the way the app does (each with its
// change, in one transaction), pulls every stream page by page into a file replica and pushes
// its outbox, announcing each step on stdout so the parent can kill it at that very point.
// Run from source by the parent: node -r ./register.cjs device.ts (settings in ENDCAP_CHILD).
import fs from 'node:fs';
import { closeDatabase, openDatabase } from '../../../core/db/open.js';
import { enqueue } from '../../../core/outbox/outbox.js';
import { pull } from '../../client/pull.js';
import { push } from '../../client/push.js';
import { HttpTransport, type SyncTransport } from '../../client/transport.js';
import { STREAMS } from '../../protocol/index.js';

interface ChildSettings {
  hub: string;
  token: string;
  replica: string;
  pageSize: number;
  /** Events to record in this life before syncing. */
  events: number;
  /** Held inside each page's transaction, so a kill often lands mid-apply. */
  holdMs: number;
}

const settings = JSON.parse(process.env.ENDCAP_CHILD ?? '{}') as ChildSettings;
const say = (line: string) => fs.writeSync(1, `${line}\n`);
const hold = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

async function main(): Promise<void> {
  const db = openDatabase(settings.replica);
  // The test's own journal of what this device produced, written with each event; it survives
  // the push (which deletes the outbox row), so the parent knows every event ever produced.
  db.exec('CREATE TABLE IF NOT EXISTS proof_produced (id TEXT PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL)');
  const record = db.transaction((seq: number) => {
    const payload = { storeId: 'S1', seq, pid: process.pid };
    const id = enqueue(db, 'checkout.outcome', payload, new Date());
    db.prepare('INSERT INTO proof_produced VALUES (?, ?, ?)').run(id, 'checkout.outcome', JSON.stringify(payload));
  });
  for (let i = 0; i < settings.events; i++) record(i);
  say(`recorded ${settings.events}`);

  const http = new HttpTransport({ baseUrl: settings.hub, token: settings.token });
  const transport: SyncTransport = {
    pull: (r) => http.pull(r),
    async push(r) {
      say('push');
      const answer = await http.push(r);
      say('pushed'); // the hub has committed; the outbox rows are not deleted yet
      return answer;
    },
  };
  for (const stream of STREAMS) {
    let page = 0;
    await pull(db, transport, stream, {
      pageSize: settings.pageSize,
      beforeCursor: () => {
        say(`apply ${stream} ${page++}`);
        hold(settings.holdMs);
      },
      onPage: (p) => say(`page ${stream} ${p.cursor}`),
    });
  }
  await push(db, transport, { batchSize: 20 });
  closeDatabase(db);
  say('done');
}

main().catch((err: unknown) => {
  say(`error ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
