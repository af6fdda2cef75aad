// Endless-aisle search (DESIGN §5): a SKU typed whole goes straight to its product; otherwise
// words → plan (synonyms, units, stems, compounds, spelling correction, prefix) → a bounded
// candidate set from FTS5 (every word must match; when fewer than asked for do, topped up
// with the best products matching some words) → product rows and stock → facets → ranking.
import type Database from 'better-sqlite3';
import type { InventoryAge, SearchFilters, SearchHit, SearchResult } from '../contract/areas/search.types.js';
import { statement } from '../db/statements.js';
import { isInventoryStale } from '../device/freshness.js';
import { findCandidates, partialCandidates, type Candidate, type CandidateFilter } from './candidates.js';
import { BrandNames } from './brands.js';
import { productByCode } from './codes.js';
import { loadPool, type PoolItem } from './pool.js';
import { applyFilters, countFacets, PRICE_BANDS } from './facets.js';
import { BROAD_QUERY, groupDocs, planQuery } from './plan.js';
import { hitsFor, productsByIds } from './products.js';
import { rank } from './rank.js';
import { Synonyms } from './synonyms.js';
import { Vocabulary } from './vocabulary.js';
import { searchWords } from './words.js';

/** How many matches are ranked at most: enough for facets and a long scroll, bounded in cost. */
export const CANDIDATES = 400;
/** Partial matches topping up a short list: a few pages' worth, the best by score. */
const TOP_UP = (limit: number) => Math.min(CANDIDATES, Math.max(100, 4 * limit));
/** The top-up scores every product holding its rarest words, up to this many (candidates.ts). */
const TOP_UP_WITHIN = 3000;

export interface SearchInput {
  query: string;
  filters?: SearchFilters;
  limit?: number;
  /** False when the whole query is final (e.g. a benchmark of complete words). Default true. */
  asYouType?: boolean;
}

export interface SearchContext {
  storeId: string;
  /** Minutes since the last inventory sync (0 standalone, Infinity never). */
  inventoryAgeMinutes: number;
}

export function inventoryAge(minutes: number): InventoryAge {
  return { ageMinutes: Number.isFinite(minutes) ? Math.round(minutes) : null, stale: isInventoryStale(minutes) };
}

/** The search over one replica; holds the vocabulary and synonyms between searches. */
export class ProductSearch {
  private generation = -1;
  private vocab: Vocabulary | null = null;
  private synonyms: Synonyms | null = null;
  private brands: BrandNames | null = null;

  constructor(private readonly db: Database.Database) {}

  /** The vocabulary and synonyms, reloaded only when the catalog's search generation moved. */
  private dictionaries(): { vocab: Vocabulary; synonyms: Synonyms } {
    const row = statement(this.db, `SELECT generation FROM search_state WHERE id = 1`).get() as { generation: number } | undefined;
    const generation = row?.generation ?? 0;
    if (!this.vocab || !this.synonyms || generation !== this.generation) {
      this.vocab = Vocabulary.load(this.db);
      this.synonyms = Synonyms.load(this.db);
      this.brands = null;
      this.generation = generation;
    }
    return { vocab: this.vocab, synonyms: this.synonyms };
  }

  /** The catalog's brand names, found from the index as queries ask (after dictionaries()). */
  private brandNames(): BrandNames {
    if (!this.brands) {
      const vocab = this.vocab!;
      this.brands = new BrandNames(this.db, (w) => vocab.docs(w));
    }
    return this.brands;
  }

  search(input: SearchInput, ctx: SearchContext): SearchResult {
    const filters = input.filters ?? {};
    const limit = input.limit ?? 40;
    const words = searchWords(input.query);
    const inventory = inventoryAge(ctx.inventoryAgeMinutes);
    const empty: SearchResult = {
      words,
      corrections: [],
      broadened: false,
      results: [],
      total: 0,
      capped: false,
      facets: { category: [], brand: [], price: [], availability: [] },
      facetsCapped: false,
      inventory,
    };
    if (words.length === 0) return empty;

    const { vocab, synonyms } = this.dictionaries();
    const brands = words.length > 1 ? this.brandNames() : undefined;
    let plan = planQuery(words, vocab, synonyms, input.asYouType ?? true, brands);
    let all = findCandidates(this.db, plan.groups, 'all', CANDIDATES, {}, plan.estimatedMatches > BROAD_QUERY);
    if (all.length === 0 && words.length > 1) {
      // No product holds every word as typed: a real word no product holds ('ballet' among
      // 'fluorescent light ballet') is then more likely a misspelling than what was meant.
      const retry = planQuery(words, vocab, synonyms, input.asYouType ?? true, brands, true);
      const found = retry.corrections.length > plan.corrections.length ? findCandidates(this.db, retry.groups, 'all', CANDIDATES, {}, retry.estimatedMatches > BROAD_QUERY) : [];
      if (found.length > 0) [plan, all] = [retry, found];
    }
    const docs = plan.groups.map((g) => groupDocs(g, vocab));
    const weights = docs.map((n) => vocab.weight(n));

    // The product whose SKU was typed comes first, whatever its text.
    const coded = productByCode(this.db, input.query);
    const exact: Candidate[] = coded === null ? [] : [{ id: coded, bm25: 0 }];
    // Fewer than asked for match every word: the best products matching some of them follow.
    const topUp = all.length < limit && plan.groups.length > 1;
    const some = topUp ? partialCandidates(this.db, plan.groups, docs, TOP_UP(limit), TOP_UP_WITHIN) : [];
    const pool = loadPool(this.db, all, some, ctx.storeId);

    // Facets come from the unfiltered pool; results from a filtered search, so narrowing a
    // broad query finds everything in the chosen category, brand or price band.
    const facets = countFacets(pool, filters);
    const sqlFilter = toCandidateFilter(filters);
    const poolCapped = all.length === CANDIDATES || (some.length > 0 && some.length === TOP_UP(limit));
    let shown = pool;
    let capped = poolCapped;
    if (sqlFilter) {
      const fAll = findCandidates(this.db, plan.groups, 'all', CANDIDATES, sqlFilter);
      const fSome = fAll.length < limit && plan.groups.length > 1 ? partialCandidates(this.db, plan.groups, docs, TOP_UP(limit), TOP_UP_WITHIN, sqlFilter) : [];
      shown = loadPool(this.db, fAll, fSome, ctx.storeId);
      capped = fAll.length === CANDIDATES || (fSome.length > 0 && fSome.length === TOP_UP(limit));
    }
    let matching = rank(applyFilters(shown, filters), plan.groups, weights);
    if (exact.length > 0) {
      const [item] = applyFilters(loadPool(this.db, exact, [], ctx.storeId), filters);
      if (item) matching = [item, ...matching.filter((i) => i.id !== item.id)];
    }
    return {
      ...empty,
      corrections: plan.corrections,
      broadened: all.length === 0 && some.length > 0,
      results: this.hits(matching.slice(0, limit), ctx.storeId),
      total: matching.length,
      capped,
      facets,
      facetsCapped: poolCapped,
    };
  }

  /** Full hits (titles, per-location stock) for the items shown, in their order. */
  private hits(items: readonly PoolItem[], storeId: string): SearchHit[] {
    const rows = productsByIds(this.db, items.map((i) => i.id));
    const present = items.map((i) => rows.get(i.id)).filter((r) => r !== undefined);
    const match = new Map(items.map((i) => [i.id, i.match]));
    return hitsFor(this.db, present, storeId, (p) => match.get(p.id) ?? 'all');
  }
}

function toCandidateFilter(filters: SearchFilters): CandidateFilter | null {
  if (!filters.category && !filters.brand && !filters.price) return null;
  const band = filters.price ? PRICE_BANDS.find((b) => b.band === filters.price) : undefined;
  return { categoryId: filters.category, brand: filters.brand, minCents: band?.minCents, maxCents: band?.maxCents };
}

const searches = new WeakMap<Database.Database, ProductSearch>();

/** The search of this replica, created on first use. */
export function productSearch(db: Database.Database): ProductSearch {
  let s = searches.get(db);
  if (!s) searches.set(db, (s = new ProductSearch(db)));
  return s;
}
