// Every feed the hub takes in. A file's header picks one by its marker columns.
import { catalogFeed, inventoryFeed } from './csvFeeds.js';
import { customersFeed } from './customersFeed.js';
import type { Feed, FeedKind } from './feed.js';
import { categoriesFeed, storesFeed } from './locationFeeds.js';
import { ordersFeed } from './ordersFeed.js';
import { staffFeed } from './staffFeed.js';

export const FEEDS: readonly Feed[] = [inventoryFeed, catalogFeed, storesFeed, categoriesFeed, staffFeed, customersFeed, ordersFeed];

export function feedOf(kind: FeedKind): Feed {
  return FEEDS.find((f) => f.kind === kind)!;
}
