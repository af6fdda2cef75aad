// The two public search dev sets (../shared/datasets, read in place): Home Depot's judged
// queries and real human misspellings on Online Retail titles. Each query is put in the
// tuning part or the reporting part by a hash of its text (the misspellings by the correct
// word, so a misspelling's one- and two-word queries land in the same part).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { REPO_ROOT } from '../report.js';

// Beside the repo (../shared/datasets); a git worktree one level deeper looks one level up.
export const DATASETS = ['../shared/datasets', '../../shared/datasets'].map((d) => path.resolve(REPO_ROOT, d)).find((d) => fs.existsSync(d)) ?? path.resolve(REPO_ROOT, '../shared/datasets');

export interface Product {
  id: string;
  title: string;
}

export interface JudgedQuery {
  query: string;
  /** product id → mean grade, 1 (irrelevant) to 3 (exact). */
  grades: Map<string, number>;
  part: Part;
}

export interface MisspeltQuery {
  query: string;
  kind: 'one_word' | 'two_word';
  relevant: Set<string>;
  part: Part;
}

/** Parameters are chosen on 'tune'; the figures reported are on 'report'. */
export type Part = 'tune' | 'report';

/** FNV-1a, so the split is the same on every machine and every run. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** One third tunes, two thirds report. */
export function partOf(key: string): Part {
  return hash(key) % 3 === 0 ? 'tune' : 'report';
}

function readCsv(file: string): Record<string, string>[] {
  const raw = fs.readFileSync(file);
  const text = file.endsWith('.gz') ? zlib.gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

export function loadHomeDepot(): { products: Product[]; queries: JudgedQuery[] } {
  const dir = path.join(DATASETS, 'homedepot_dev');
  const products = readCsv(path.join(dir, 'products.csv.gz')).map((r) => ({ id: r.product_uid!, title: r.product_title! }));
  const byQuery = new Map<string, Map<string, number>>();
  for (const r of readCsv(path.join(dir, 'qrels_dev.csv.gz'))) {
    let grades = byQuery.get(r.search_term!);
    if (!grades) byQuery.set(r.search_term!, (grades = new Map()));
    grades.set(r.product_uid!, Number(r.relevance));
  }
  const queries = [...byQuery].map(([query, grades]) => ({ query, grades, part: partOf(query) }));
  return { products, queries };
}

export function loadMisspellings(): { products: Product[]; queries: MisspeltQuery[] } {
  const dir = path.join(DATASETS, 'search_misspellings_dev');
  const products = readCsv(path.join(dir, 'products.csv')).map((r) => ({ id: r.StockCode!, title: r.Description! }));
  const queries = readCsv(path.join(dir, 'queries.csv')).map((r) => ({
    query: r.query!,
    kind: r.kind as MisspeltQuery['kind'],
    relevant: new Set(r.relevant_stockcodes!.split(' ').filter(Boolean)),
    part: partOf(r.correct_word!),
  }));
  return { products, queries };
}

const K = 10;

/** NDCG@10, gain 2^(grade−1) − 1, unjudged products gain 0, ideal from the judged grades. */
export function ndcg10(ranked: readonly string[], grades: ReadonlyMap<string, number>): number {
  const gain = (g: number) => 2 ** (g - 1) - 1;
  let dcg = 0;
  ranked.slice(0, K).forEach((id, i) => (dcg += gain(grades.get(id) ?? 1) / Math.log2(i + 2)));
  const ideal = [...grades.values()].sort((a, b) => b - a).slice(0, K);
  let idcg = 0;
  ideal.forEach((g, i) => (idcg += gain(g) / Math.log2(i + 2)));
  return idcg > 0 ? dcg / idcg : 0;
}

/** 1/rank of the first relevant product in the top 10 (0 when none). */
export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  const i = ranked.slice(0, K).findIndex((id) => relevant.has(id));
  return i < 0 ? 0 : 1 / (i + 1);
}
