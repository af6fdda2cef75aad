// Streams a gzip CSV of ../shared/datasets (read in place, never copied) into records.
import fs from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { REPO_ROOT } from './report.js';

export function datasetPath(...parts: string[]): string {
  // ../shared from the main checkout; ../../shared from a worktree under wt/.
  const candidates = [path.resolve(REPO_ROOT, '..', 'shared', 'datasets', ...parts), path.resolve(REPO_ROOT, '..', '..', 'shared', 'datasets', ...parts)];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`Dataset file not found: ${parts.join('/')} (looked in ${candidates.join(', ')})`);
  return found;
}

export async function readCsvGz(file: string): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  const parser = fs.createReadStream(file).pipe(createGunzip()).pipe(parse({ columns: true, bom: true, skip_empty_lines: true }));
  for await (const r of parser) rows.push(r as Record<string, string>);
  return rows;
}
