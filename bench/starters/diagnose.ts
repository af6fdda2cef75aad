// node dist/node/bench/starters/diagnose.js [--seed 1] [val|test] [--scores] [--orders PATH --format online-retail]
//
// Where the engine's lists lose recall against the repeat baselines, on one seed's validation
// (default) or test customers. Default: the recall at the engine's budget of what the engine
// shows (IDEA_WEIGHTS, and the usual taking all 8), next to the item model's own ranking fed in
// different ways (full history or the engine's 400 lines, the visit day known or not, default or
// eval:nbr's parameters), P-TopFreq and TIFU-KNN, and the hits by starter kind. --scores: how
// often a repeat is bought next by its score over the best new product's (the usual's bar), and
// for products bought on one day only. A console diagnostic, not a result file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OfferEngine } from '../../core/engine/decide.js';
import { IDEA_WEIGHTS } from '../../core/engine/ideaWeights.js';
import { historyBaskets, PersonalScores, StoredItemModel } from '../../core/engine/itemModel.js';
import { loadHistory } from '../../core/engine/context.js';
import { DEFAULT_RANK_PARAMS, rankItems, type RankParams } from '../../core/engine/rank.js';
import { closeDatabase } from '../../core/db/open.js';
import { itemCounts, popularityOrder, popularityRank, pTopFreq } from '../nbr/baselines.js';
import { loadOrders } from '../nbr/load.js';
import { buildDataset, splitUsers, trainingSequences, type NbrUser } from '../nbr/protocol.js';
import { TifuPool, type TifuParams } from '../nbr/tifuKnn.js';
import { parseArgs } from '../nbr/cli.js';
import { REPO_ROOT } from '../report.js';
import { buildReplica } from './replica.js';
import { evaluationPolicy, shownByEngine } from './cli.js';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const seed = argv.includes('--seed') ? Number(argv[argv.indexOf('--seed') + 1]) : 1;
  const which = argv.includes('test') ? 'test' : 'val';
  const opts = parseArgs(argv.filter((a, i) => a !== '--seed' && argv[i - 1] !== '--seed' && a !== 'test' && a !== 'val' && a !== '--scores' && a !== '--diff'));
  const loaded = await loadOrders(opts.orders, opts.format);
  const ds = buildDataset(loaded.orders);
  const split = splitUsers(ds.users, seed);
  const users: NbrUser[] = split[which];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-diag-'));
  const replica = buildReplica(path.join(dir, 'endcap.db'), ds, split, loaded.catalog);
  try {
    const nbr = JSON.parse(fs.readFileSync(path.resolve(REPO_ROOT, 'bench/results/engine-quality.json'), 'utf8')) as {
      methods: { endcap: { params: (RankParams & { seed: number })[] }; 'tifu-knn': { params: (TifuParams & { seed: number })[] } };
    };
    const nbrParams = nbr.methods.endcap.params.find((p) => p.seed === seed)!;
    const tifuP = nbr.methods['tifu-knn'].params.find((p) => p.seed === seed)!;
    const model = new StoredItemModel(replica.db);
    const seqs = trainingSequences(split);
    const popRank = popularityRank(popularityOrder(itemCounts(seqs, ds.items.length)), ds.items.length);
    const ptop = pTopFreq(popRank);
    const tifu = new TifuPool(seqs, ds.items.length, tifuP).recommender(tifuP.neighbours, tifuP.alpha);
    if (argv.includes('--scores')) {
      // each repeat's score over the best new product's (the bar's ratio) against how often it is bought next
      const bins = [0.5, 1, 2, 4, 8, 16, 32, 64, 128, Infinity];
      const rows = bins.map(() => ({ n: 0, hit: 0, oneDay: 0, oneDayHit: 0 }));
      const sim: { baskets: number; size: number; novelty: number; rep: boolean[]; nw: boolean[]; t: number; n: number }[] = [];
      let newHits = 0;
      const newBySignal = new Map<string, { n: number; hit: number }>();
      let cut = 0;
      let cutHits = 0;
      let cutUsers = 0;
      for (const u of users) {
        const today = Math.floor(u.target.time / 86_400_000);
        const scores = new PersonalScores(model, historyBaskets(u.id, loadHistory(replica.db, u.id, new Date(u.target.time))), today);
        const target = new Set(u.target.items.map((x) => ds.items[x]!));
        const days = new Map<string, number>();
        for (const b of u.history) for (const x of b.items) days.set(ds.items[x]!, (days.get(ds.items[x]!) ?? 0) + 1);
        scores.personal.filter((r) => scores.signal(r.key) === 'repeat').slice(0, 12).forEach((r) => {
          const row = rows[bins.findIndex((b) => r.score / Math.max(1e-9, scores.bestNewScore) < b)]!;
          row.n++;
          if (target.has(r.key)) row.hit++;
          if ((days.get(r.key) ?? 0) < 2 && (model.repeatRate.get(r.key) ?? 0) <= model.meanRepeatRate) {
            row.oneDay++;
            if (target.has(r.key)) row.oneDayHit++;
          }
        });
        const top8 = scores.personal.filter((r) => scores.signal(r.key) === 'repeat').slice(0, 8);
        const below = top8.filter((r) => r.score < 2.5 * scores.bestNewScore);
        cut += below.length;
        cutHits += below.filter((r) => target.has(r.key)).length;
        if (below.length) cutUsers++;
        const newOnes = scores.personal.filter((r) => scores.signal(r.key) !== 'repeat').slice(0, 8);
        newOnes.slice(0, 2).forEach((r, i) => {
          const k = `new #${i + 1} ${scores.signal(r.key)}`;
          const row = newBySignal.get(k) ?? { n: 0, hit: 0 };
          row.n++;
          if (target.has(r.key)) row.hit++;
          newBySignal.set(k, row);
        });
        // the share of a later basket's products that were new to them then
        const had = new Set<number>();
        let later = 0;
        let fresh = 0;
        u.history.forEach((b, i) => {
          for (const x of b.items) {
            if (i > 0) {
              later++;
              if (!had.has(x)) fresh++;
            }
          }
          for (const x of b.items) had.add(x);
        });
        const nNew = [...target].filter((x) => !days.has(x)).length;
        const repList = scores.personal.filter((r) => scores.signal(r.key) === 'repeat').slice(0, 8);
        sim.push({ novelty: (fresh + 2 * 0.6) / (later + 2), baskets: u.history.length, size: u.history.reduce((a, b) => a + b.items.length, 0) / u.history.length, rep: repList.map((r) => target.has(r.key)), nw: newOnes.map((r) => target.has(r.key)), t: target.size, n: nNew });
        const firstNew = scores.personal.find((r) => scores.signal(r.key) !== 'repeat');
        if (firstNew && target.has(firstNew.key)) newHits++;
      }
      bins.forEach((b, i) => console.log(`ratio < ${b}: ${rows[i]!.n} repeats, hit ${(rows[i]!.hit / Math.max(1, rows[i]!.n)).toFixed(3)}; bought on one day, repeat rate ≤ mean (not a habit before) ${rows[i]!.oneDay}, hit ${(rows[i]!.oneDayHit / Math.max(1, rows[i]!.oneDay)).toFixed(3)}`));
      console.log(`best new product bought next: ${newHits} of ${users.length}`);
      for (const [k, r] of [...newBySignal].sort()) console.log(`${k}: ${r.n} shown, ${r.hit} bought next`);
      // what-if: the usual takes `k(u)` of 8, the model's best new products the rest
      const what = (name: string, k: (x: (typeof sim)[number]) => number) => {
        let rec = 0;
        let exp = 0;
        let expUsers = 0;
        for (const x of sim) {
          const usual = Math.min(k(x), x.rep.length);
          const fresh = Math.min(8 - usual, x.nw.length);
          const hitsRep = x.rep.slice(0, usual).filter(Boolean).length;
          const hitsNew = x.nw.slice(0, fresh).filter(Boolean).length;
          rec += (hitsRep + hitsNew) / x.t;
          if (x.n) {
            expUsers++;
            exp += hitsNew / x.n;
          }
        }
        console.log(`${name.padEnd(30)} recall ${(rec / sim.length).toFixed(4)} explore ${(exp / expUsers).toFixed(4)}`);
      };
      for (const k of [6, 7, 8]) what(`fixed ${k}`, () => k);
      for (const h of [3, 5, 8, 12, 20]) what(`8 below ${h} baskets, else 6`, (x) => (x.baskets < h ? 8 : 6));
      for (const h of [3, 5, 8, 12, 20]) what(`6 below ${h} baskets, else 8`, (x) => (x.baskets < h ? 6 : 8));
      for (const z of [5, 10, 20, 40]) what(`8 below ${z} items a basket, else 6`, (x) => (x.size < z ? 8 : 6));
      for (const z of [5, 10, 20, 40]) what(`6 below ${z} items a basket, else 8`, (x) => (x.size < z ? 6 : 8));
      const nov = sim.map((x) => x.novelty).sort((a, b) => a - b);
      console.log(`novelty quartiles ${[0.1, 0.25, 0.5, 0.75, 0.9].map((q) => nov[Math.floor(q * (nov.length - 1))]!.toFixed(2)).join(' ')}`);
      for (const q of [0.1, 0.25, 0.5, 0.75, 0.9]) {
        const cutoff = nov[Math.floor(q * (nov.length - 1))]!;
        what(`5 if novelty > q${q}, else 8`, (x) => (x.novelty > cutoff ? 5 : 8));
        what(`4 if novelty > q${q}, else 8`, (x) => (x.novelty > cutoff ? 4 : 8));
        what(`6 if novelty > q${q}, else 8`, (x) => (x.novelty > cutoff ? 6 : 8));
        what(`6 if novelty > q${q}, else 7`, (x) => (x.novelty > cutoff ? 6 : 7));
      }
      for (const t of [0.8, 0.85, 0.9, 0.95]) for (const loyal of [7, 8]) for (const k of [3, 4, 5, 6]) what(`${k} if novelty ≥ ${t}, else ${loyal}`, (x) => (x.novelty >= t ? k : loyal));
      for (const a of [0.5, 1, 1.5, 2, 3]) what(`8 - round(${a} × 8 × novelty²)`, (x) => 8 - Math.round(a * 8 * x.novelty * x.novelty));
      for (const a of [0.25, 0.5, 0.75, 1]) what(`8 - round(${a} × 8 × novelty)`, (x) => 8 - Math.round(a * 8 * x.novelty));
      console.log(`a bar at 2.5 cuts ${cut} of the top 8 repeats (${cutHits} bought next) for ${cutUsers} customers`);
      return;
    }
    const lists: Record<string, string[][]> = {};
    const add = (name: string, l: string[]) => (lists[name] ??= []).push(l);
    const variants: Record<string, typeof IDEA_WEIGHTS> = {
      current: IDEA_WEIGHTS,
      max8: { ...IDEA_WEIGHTS, usualMaxProducts: 8, usualOverExplore: 0 },
    };
    const engineShown: Record<string, { skus: string[]; kinds: string[] }[]> = {};
    const kindOf: Record<string, Map<string, string>[]> = {};
    /** Ideas dropped before ranking, by reason: what keeps new topics off the list. */
    const refused = new Map<string, number>();
    for (const [name, w] of Object.entries(variants)) {
      const engine = new OfferEngine(replica.db, { standalone: true, ideaWeights: w });
      engineShown[name] = shownByEngine(engine, users);
      const policy = engine.usable({ ...engine.currentPolicy(), guardrails: { ...engine.currentPolicy().guardrails, minPriceCents: 0, holdoutShare: 0, explorationShare: 0 } });
      kindOf[name] = users.map((u) => {
        const [e] = engine.preview({ customerId: u.id, cart: [], storeId: 'S1', staffId: null, now: new Date(u.target.time) }, [policy]);
        for (const r of e!.rules) {
          const why = r.split(':')[0]!;
          if (why === 'exclusion_window' || why === 'no_product' || why === 'frequency_cap') refused.set(`${name} ${why}`, (refused.get(`${name} ${why}`) ?? 0) + 1);
        }
        const m = new Map<string, string>();
        for (const s of e!.result.starters) for (const p of s.products) if (!m.has(p.sku)) m.set(p.sku, s.kind);
        return m;
      });
    }
    console.log(`ideas dropped (all customers): ${[...refused].map(([k, n]) => `${k} ${n}`).join('; ')}`);
    const budgets = engineShown.current!.map((s) => s.skus.length);
    if (argv.includes('--diff')) {
      // customers whose usual-at-8 list differs from the item model's own top products
      let shown = 0;
      users.forEach((u, i) => {
        const k = engineShown.max8![i]!.skus.length;
        const full = u.history.map((b) => ({ customerId: u.id, day: b.day, keys: b.items.map((x) => ds.items[x]!) }));
        const ranked = rankItems(full, model, k, { ...DEFAULT_RANK_PARAMS, today: Math.floor(u.target.time / 86_400_000) });
        const eng = engineShown.max8![i]!.skus;
        const onlyRank = ranked.filter((x) => !eng.includes(x));
        if (!onlyRank.length || shown >= 8) return;
        shown++;
        const t = new Set(u.target.items.map((x) => ds.items[x]!));
        const mark = (x: string) => `${x}${t.has(x) ? '*' : ''}`;
        if (shown <= 3) {
          const engine = new OfferEngine(replica.db, { standalone: true, ideaWeights: variants.max8! });
          const [e] = engine.preview({ customerId: u.id, cart: [], storeId: 'S1', staffId: null, now: new Date(u.target.time) }, [engine.usable(evaluationPolicy(engine.currentPolicy()))]);
          for (const st of e!.result.starters) console.log(`   ${st.kind} ${st.score} ${st.products.map((p) => mark(p.sku)).join(' ')}`);
          console.log(`   rules: ${e!.rules.filter((r) => !r.startsWith('arm') && !r.startsWith('personalization')).slice(0, 12).join(' ')}`);
        }
        console.log(`${u.id} (${u.history.length} baskets): rank only ${onlyRank.map(mark).join(' ')}; engine only ${eng.filter((x) => !ranked.includes(x)).map((x) => `${mark(x)}/${kindOf.max8![i]!.get(x)}`).join(' ')}`);
      });
    }
    users.forEach((u, i) => {
      const k = budgets[i]!;
      const today = Math.floor(u.target.time / 86_400_000);
      const full = u.history.map((b) => ({ customerId: u.id, day: b.day, keys: b.items.map((x) => ds.items[x]!) }));
      const loadedHist = historyBaskets(u.id, loadHistory(replica.db, u.id, new Date(u.target.time)));
      add('engine current', engineShown.current![i]!.skus);
      add('engine max8', engineShown.max8![i]!.skus.slice(0, k));
      add('rank default, full history', rankItems(full, model, k, { ...DEFAULT_RANK_PARAMS, today }));
      add('rank default, engine history (400 lines)', rankItems(loadedHist, model, k, { ...DEFAULT_RANK_PARAMS, today }));
      add('rank default, no today', rankItems(full, model, k, DEFAULT_RANK_PARAMS));
      add('rank nbr params, full history', rankItems(full, model, k, { ...nbrParams, today }));
      add('rank nbr params, no today', rankItems(full, model, k, nbrParams));
      add('p-topfreq', ptop({ id: u.id, history: u.history }, k).map((x) => ds.items[x]!));
      add('tifu-knn', tifu({ id: u.id, history: u.history }, k).map((x) => ds.items[x]!));
    });
    const target = users.map((u) => new Set(u.target.items.map((x) => ds.items[x]!)));
    const bought = users.map((u) => new Set(u.history.flatMap((b) => b.items.map((x) => ds.items[x]!))));
    console.log(`seed ${seed}, ${which} customers ${users.length}, mean budget ${(budgets.reduce((a, b) => a + b, 0) / users.length).toFixed(2)}`);
    for (const [name, ls] of Object.entries(lists)) {
      let rec = 0;
      let hit = 0;
      let rep = 0;
      ls.forEach((l, i) => {
        const got = l.filter((s) => target[i]!.has(s));
        rec += got.length / target[i]!.size;
        if (got.length) hit++;
        rep += l.filter((s) => bought[i]!.has(s)).length;
      });
      console.log(`${name.padEnd(42)} hit ${(hit / users.length).toFixed(4)} recall ${(rec / users.length).toFixed(4)} repeats shown ${(rep / users.length).toFixed(2)}`);
    }
    for (const name of Object.keys(variants)) {
      // hits and products by the kind of starter that showed them
      const byKind = new Map<string, { shown: number; hits: number; repeats: number }>();
      kindOf[name]!.forEach((m, i) => {
        for (const [sku, kind] of m) {
          const r = byKind.get(kind) ?? { shown: 0, hits: 0, repeats: 0 };
          r.shown++;
          if (target[i]!.has(sku)) r.hits++;
          if (bought[i]!.has(sku)) r.repeats++;
          byKind.set(kind, r);
        }
      });
      console.log(`${name} by kind: ${[...byKind].map(([k, r]) => `${k} shown ${r.shown} hits ${r.hits} repeats ${r.repeats}`).join('; ')}`);
    }
  } finally {
    closeDatabase(replica.db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
