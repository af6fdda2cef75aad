import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../store.js';
import { NOW, smallCatalog, tempStore } from '../testFixtures.js';
import { PROCESSED, REJECTED, importDroppedFile, watchDropFolder } from './dropFolder.js';

let hub: ReturnType<typeof tempStore>;
let drop: string;

beforeEach(async () => {
  hub = tempStore();
  await hub.store.writeChanges(smallCatalog());
  drop = path.join(hub.dir, 'drop');
  fs.mkdirSync(drop);
});
afterEach(() => hub.dispose());

const readReport = (folder: string, name: string) => JSON.parse(fs.readFileSync(path.join(drop, folder, `${name}.report.json`), 'utf8')) as ImportReport;

describe('drop folder', () => {
  it('files each dropped CSV under processed/ or rejected/ with its report beside it', async () => {
    const reports: ImportReport[] = [];
    let filed!: () => void;
    const twoFiled = new Promise<void>((resolve) => (filed = resolve));
    const onReport = (r: ImportReport) => {
      reports.push(r);
      if (reports.length === 2) filed();
    };
    const watcher = watchDropFolder(hub.store, drop, { stableMs: 50, now: () => NOW, onReport });
    await watcher.ready;
    fs.writeFileSync(path.join(drop, 'good.csv'), 'sku,location_id,on_hand\nTENT-1,S1,11\n');
    fs.writeFileSync(path.join(drop, 'bad.csv'), 'sku,location_id,on_hand\nTENT-1,S1,eleven\n');
    fs.writeFileSync(path.join(drop, 'notes.txt'), 'not a feed');
    await twoFiled;
    await watcher.close();

    expect(fs.readdirSync(drop).sort()).toEqual(['notes.txt', PROCESSED, REJECTED]);
    expect(fs.readdirSync(path.join(drop, PROCESSED))).toEqual(['good.csv', 'good.csv.report.json']);
    expect(readReport(PROCESSED, 'good.csv')).toMatchObject({ status: 'applied', source: 'drop', rowsApplied: 1 });
    expect(readReport(REJECTED, 'bad.csv')).toMatchObject({ status: 'rejected', rejections: [{ line: 2, reason: 'on_hand must be a whole number of 0 or more' }] });
    expect((await hub.store.listImports(10)).map((r) => r.file).sort()).toEqual(['bad.csv', 'good.csv']);
  }, 30_000);

  it('keeps an earlier file of the same name when the same name is dropped again', async () => {
    for (const on_hand of [1, 2]) {
      fs.writeFileSync(path.join(drop, 'stock.csv'), `sku,location_id,on_hand\nTENT-1,S1,${on_hand}\n`);
      await importDroppedFile(hub.store, path.join(drop, 'stock.csv'), NOW);
    }
    const filed = fs.readdirSync(path.join(drop, PROCESSED)).sort();
    expect(filed).toHaveLength(4);
    expect(filed).toContain('stock.csv');
    expect(filed.filter((f) => f.endsWith('.report.json'))).toHaveLength(2);
  });

  it('finding 7: refuses a symbolic link (to a file outside the folder) unread, and quotes nothing of it', async () => {
    const secret = path.join(hub.dir, 'outside-secret.csv');
    fs.writeFileSync(secret, 'root:x:0:0:the-secret-first-line\nsku,location_id,on_hand\n');
    fs.symlinkSync(secret, path.join(drop, 'stock.csv'));
    const report = await importDroppedFile(hub.store, path.join(drop, 'stock.csv'), NOW);
    expect(report).toMatchObject({ status: 'rejected', fileError: 'the file is a symbolic link; copy the file itself into the folder', rowsApplied: 0 });
    expect(JSON.stringify(await hub.store.listImports(10))).not.toContain('the-secret');
    // The link itself is filed away; the file it pointed at is untouched.
    expect(fs.lstatSync(path.join(drop, REJECTED, 'stock.csv')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(secret, 'utf8')).toContain('the-secret-first-line');
  });

  it('quotes a bad header cut short: the offending line only, never a whole stray file', async () => {
    fs.writeFileSync(path.join(drop, 'odd.csv'), `${'x'.repeat(5000)},b\nrow,2\n`);
    const report = await importDroppedFile(hub.store, path.join(drop, 'odd.csv'), NOW);
    // The header is quoted cut short (40 characters a column); the rest of the message is the hub's own list of feeds.
    expect(report.fileError).not.toContain('x'.repeat(41));
    expect(report.fileError!.length).toBeLessThan(1000);
  });
});
