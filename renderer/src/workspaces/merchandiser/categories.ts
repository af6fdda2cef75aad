// The category tree from the device, indexed for labels and searched for the pickers.
import type { CategoryNode } from '../../../../core/contract/index';

export interface CategoryIndex {
  byId: ReadonlyMap<string, CategoryNode>;
  list: readonly CategoryNode[];
}

export function indexCategories(list: readonly CategoryNode[]): CategoryIndex {
  return { byId: new Map(list.map((c) => [c.id, c])), list };
}

/** The leaf name, or the id itself when the category is not in the tree (the device reports that as a problem). */
export function categoryName(index: CategoryIndex, id: string): string {
  return index.byId.get(id)?.name ?? id;
}

/** "Outdoor › Camping" above the name, for telling same-named leaves apart. */
export function categoryParentPath(index: CategoryIndex, id: string): string {
  const node = index.byId.get(id);
  if (!node) return '';
  const parts = node.pathName.split(/\s*[>/›]\s*/);
  return parts.slice(0, -1).join(' › ');
}

/**
 * Categories matching every typed word (in name or path), names starting with the text first.
 * Empty text = the whole tree in its order.
 */
export function searchCategories(list: readonly CategoryNode[], text: string, limit = 60): CategoryNode[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return list.slice(0, limit);
  const hits = list.filter((c) => {
    const hay = `${c.pathName} ${c.name}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const first = words[0]!;
  const rank = (c: CategoryNode) => (c.name.toLowerCase().startsWith(first) ? 0 : c.name.toLowerCase().includes(first) ? 1 : 2);
  return hits.sort((a, b) => rank(a) - rank(b) || a.pathName.localeCompare(b.pathName)).slice(0, limit);
}
