// The same documents in MiniSearch and FlexSearch, searched with the options each offers for
// misspelt and unfinished words, so every method answers the same queries.
import MiniSearch from 'minisearch';
import { Charset, Index } from 'flexsearch';
import type { SearchDoc } from './corpus.js';

export interface PeerIndex {
  name: 'minisearch' | 'flexsearch';
  /** Product ids, best first. */
  search(query: string, limit: number): number[];
}

/** MiniSearch with prefix search and fuzzy matching (edit distance up to 20 % of a word), title boosted. */
export function buildMiniSearch(docs: readonly SearchDoc[]): PeerIndex {
  const ms = new MiniSearch<SearchDoc>({
    idField: 'id',
    fields: ['title', 'brand', 'category', 'attributes'],
    searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 2 } },
  });
  ms.addAll(docs as SearchDoc[]);
  return { name: 'minisearch', search: (q, limit) => ms.search(q).slice(0, limit).map((r) => r.id as number) };
}

/**
 * FlexSearch's most tolerant setup: forward (prefix) tokenizing, the LatinAdvanced encoder
 * (folds letters that sound alike and repeated letters) and `suggest`, which returns partial
 * matches when not every word matches. (LatinBalance and LatinExtra scored lower on the
 * misspelt queries of this benchmark.)
 */
export function buildFlexSearch(docs: readonly SearchDoc[]): PeerIndex {
  const index = new Index({ tokenize: 'forward', encoder: Charset.LatinAdvanced, resolution: 9 });
  for (const d of docs) index.add(d.id, `${d.title} ${d.brand} ${d.category} ${d.attributes}`);
  return { name: 'flexsearch', search: (q, limit) => (index.search(q, { limit, suggest: true }) as number[]).slice(0, limit) };
}
