import { describe, expect, it } from 'vitest';
import type { CategoryNode } from '../../../../core/contract/index';
import { categoryName, categoryParentPath, indexCategories, searchCategories } from './categories';

const node = (id: string, pathName: string, depth: number): CategoryNode => ({
  id,
  name: pathName.split(' > ').at(-1)!,
  pathName,
  parentId: id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : null,
  depth,
  products: 10,
  sensitive: false,
});

const TREE = [
  node('outdoor', 'Outdoor', 0),
  node('outdoor/camping', 'Outdoor > Camping', 1),
  node('outdoor/camping/tents', 'Outdoor > Camping > Tents', 2),
  node('outdoor/camping/camp-stoves', 'Outdoor > Camping > Camp Stoves', 2),
  node('home', 'Home', 0),
  node('home/kitchen/stovetop-kettles', 'Home > Kitchen > Stovetop Kettles', 2),
];

describe('the category tree', () => {
  it('names a category and its parents, or shows an unknown id as it is', () => {
    const index = indexCategories(TREE);
    expect(categoryName(index, 'outdoor/camping/tents')).toBe('Tents');
    expect(categoryParentPath(index, 'outdoor/camping/tents')).toBe('Outdoor › Camping');
    expect(categoryName(index, 'gone/away')).toBe('gone/away');
  });

  it('finds categories by every typed word, names that start with it first', () => {
    expect(searchCategories(TREE, 'stove').map((c) => c.id)).toEqual(['home/kitchen/stovetop-kettles', 'outdoor/camping/camp-stoves']);
    expect(searchCategories(TREE, 'camping stove').map((c) => c.id)).toEqual(['outdoor/camping/camp-stoves']);
    expect(searchCategories(TREE, 'tent').map((c) => c.id)).toEqual(['outdoor/camping/tents']);
    expect(searchCategories(TREE, '  ')).toHaveLength(TREE.length);
    expect(searchCategories(TREE, 'xyz')).toEqual([]);
  });
});
