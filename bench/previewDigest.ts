// `npm run bench -- preview-digest`: a fingerprint of what the engine shows 600 customers of
// the small generated chain (the real OfferEngine.preview under the published policy, nothing
// written). Run it before and after a change meant only to make decisions faster: the starters'
// digest must not move. The rules' digest moves when only the audit's counts change.
import crypto from 'node:crypto';
import { OfferEngine } from '../core/engine/decide.js';
import { seededCustomers } from '../core/merch/preview.js';
import { openLargeChain } from './largeChain.js';

const CUSTOMERS = 600;

export function benchPreviewDigest(): void {
  const { db, now, close } = openLargeChain('preview-digest', true);
  try {
    db.prepare(`UPDATE inventory SET updated_at = ?`).run(now.toISOString());
    db.prepare(`UPDATE sync_state SET last_success_at = ? WHERE stream = 'inventory'`).run(now.toISOString());
    const engine = new OfferEngine(db);
    const active = engine.usable(engine.currentPolicy());
    const starters = crypto.createHash('sha256');
    const rules = crypto.createHash('sha256');
    let shown = 0;
    for (const customerId of seededCustomers(db, 'preview-digest', CUSTOMERS, false)) {
      const [e] = engine.preview({ customerId, cart: [], storeId: 'S1', staffId: null, now }, [active]);
      starters.update(JSON.stringify(e!.result.starters));
      rules.update(JSON.stringify(e!.rules));
      shown += e!.result.starters.length;
    }
    console.log(`${CUSTOMERS} customers, ${shown} starters`);
    console.log(`starters digest: ${starters.digest('hex')}`);
    console.log(`rules digest:    ${rules.digest('hex')}`);
  } finally {
    close();
  }
}
