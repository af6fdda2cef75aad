// Reference data for the console: the category tree for pickers, stores, and what every
// guardrail, shopper type and incentive means.
import type Database from 'better-sqlite3';
import type { CategoryNode, MerchSetup } from '../contract/areas/merchTypes.js';
import { statement } from '../db/statements.js';
import { CSV_COLUMNS } from './csv.js';
import { GUARDRAIL_FIELDS, INCENTIVE_INFO, SHOPPER_TYPE_INFO } from './fields.js';
import { INCENTIVE_EVIDENCE } from './incentiveEvidence.js';
import { activeVersion } from './policy.js';

export function merchSetup(db: Database.Database): MerchSetup {
  return {
    categories: categoryTree(db),
    stores: statement(db, `SELECT id, name FROM locations WHERE kind = 'store' ORDER BY name`).all() as MerchSetup['stores'],
    guardrailFields: [...GUARDRAIL_FIELDS],
    shopperTypes: [...SHOPPER_TYPE_INFO],
    incentives: [...INCENTIVE_INFO],
    csvColumns: [...CSV_COLUMNS],
    activeVersion: activeVersion(db),
    incentiveEvidence: INCENTIVE_EVIDENCE,
  };
}

/** Depth-first, children by name, each with the products for sale in it and below. */
export function categoryTree(db: Database.Database): CategoryNode[] {
  const rows = statement(db, `SELECT id, name, path_name AS pathName, parent_id AS parentId, depth, sensitive FROM categories`).all() as (Omit<CategoryNode, 'products' | 'sensitive'> & {
    sensitive: number;
  })[];
  const own = new Map(
    (statement(db, `SELECT category_id AS id, count(*) AS n FROM products WHERE status != 'discontinued' GROUP BY category_id`).all() as { id: string; n: number }[]).map((r) => [r.id, r.n]),
  );
  const children = new Map<string | null, typeof rows>();
  for (const r of rows) (children.get(r.parentId) ?? children.set(r.parentId, []).get(r.parentId)!).push(r);
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));

  const out: CategoryNode[] = [];
  const visit = (r: (typeof rows)[number]): number => {
    const node: CategoryNode = { ...r, sensitive: r.sensitive === 1, products: own.get(r.id) ?? 0 };
    out.push(node);
    for (const c of children.get(r.id) ?? []) node.products += visit(c);
    return node.products;
  };
  for (const root of children.get(null) ?? []) visit(root);
  return out;
}
