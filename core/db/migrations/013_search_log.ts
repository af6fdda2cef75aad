// The device's own search log: what was searched, how many products it found, and which
// product the associate opened after it. No customer, no staff member: only the words and the
// product, so the search can learn how this store's people ask (core/search/searchLog.ts).
export const up = /* sql */ `
CREATE TABLE search_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  query       TEXT NOT NULL,
  results     INTEGER NOT NULL,
  chosen_sku  TEXT
);
CREATE INDEX search_log_at ON search_log(at);
`;
