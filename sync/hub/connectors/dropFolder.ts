// The CSV drop folder: a retail system (or a person) copies inventory or catalog files into
// DIR; each *.csv is imported once it has stopped growing, then moved to DIR/processed/ or
// DIR/rejected/ with its report beside it (<file>.report.json), so whoever looks at the folder
// sees what happened to every file.
import fs from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { HubStore, ImportReport } from '../store.js';
import { MAX_CSV_BYTES, importCsv, refuseTooLarge, refuseUnread } from './csvImport.js';

export const PROCESSED = 'processed';
export const REJECTED = 'rejected';

/**
 * Why a dropped path is not read at all: a symbolic link (it could point anywhere the hub may
 * read), or anything that does not resolve to a regular file directly inside the folder.
 */
export function unreadable(dir: string, file: string): string | null {
  const link = fs.lstatSync(file);
  if (link.isSymbolicLink()) return 'the file is a symbolic link; copy the file itself into the folder';
  if (!link.isFile()) return 'not a regular file';
  if (path.dirname(fs.realpathSync(file)) !== fs.realpathSync(dir)) return 'the file resolves outside the drop folder';
  return null;
}

/** Imports one file and files it away with its report; returns the report. */
export async function importDroppedFile(store: HubStore, file: string, now: Date, source: ImportReport['source'] = 'drop'): Promise<ImportReport> {
  const dir = path.dirname(file);
  const name = path.basename(file);
  const refusal = unreadable(dir, file);
  // Opened without following a link made after the check, and read from that descriptor only.
  const report = await (refusal
    ? refuseUnread(store, { file: name, source, now }, refusal)
    : fs.statSync(file).size > MAX_CSV_BYTES
      ? refuseTooLarge(store, { file: name, source, now })
      : importCsv(store, { file: name, text: readNoFollow(file), source, now }));
  const target = path.join(dir, report.status === 'applied' ? PROCESSED : REJECTED);
  fs.mkdirSync(target, { recursive: true });
  // A file of the same name dropped again later must not overwrite the earlier one's record.
  const stamp = report.receivedAt.replace(/[:.]/g, '-');
  const base = fs.existsSync(path.join(target, name)) ? `${stamp}-${name}` : name;
  fs.renameSync(file, path.join(target, base));
  fs.writeFileSync(path.join(target, `${base}.report.json`), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

function readNoFollow(file: string): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  try {
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

export interface DropWatcher {
  /** Resolves once the files already in the folder have been seen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Watches DIR (not its subfolders) for *.csv files. Files are imported one at a time: the hub's
 * store is single-writer, and two stock files applied in the order they arrived stay in that order.
 */
export interface DropOptions {
  onReport?: (report: ImportReport) => void;
  /** A file that could not be filed away (e.g. permissions); it stays in the folder. */
  onError?: (file: string, error: unknown) => void;
  now?: () => Date;
  /** How long a file's size must stay put before it is read. */
  stableMs?: number;
}

export function watchDropFolder(store: HubStore, dir: string, options: DropOptions = {}): DropWatcher {
  fs.mkdirSync(dir, { recursive: true });
  const now = options.now ?? (() => new Date());
  let queue = Promise.resolve();
  const watcher: FSWatcher = watch(dir, {
    depth: 0,
    ignored: (p, stats) => !!stats?.isFile() && !p.toLowerCase().endsWith('.csv'),
    // A link is reported as what it is (and refused), never followed.
    followSymlinks: false,
    // A file still being copied in is read only once its size has stayed put.
    awaitWriteFinish: { stabilityThreshold: options.stableMs ?? 500, pollInterval: 100 },
  });
  watcher.on('add', (file) => {
    if (path.dirname(path.resolve(file)) !== path.resolve(dir)) return;
    queue = queue.then(async () => {
      if (!fs.existsSync(file)) return;
      try {
        options.onReport?.(await importDroppedFile(store, file, now()));
      } catch (err) {
        options.onError?.(file, err);
      }
    });
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      await watcher.close();
      await queue;
    },
  };
}
