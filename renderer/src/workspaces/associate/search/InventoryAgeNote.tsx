// How fresh the stock figures are: as old as the last inventory sync; stale ones say so.
import type { InventoryAge } from '../../../../../core/contract/index';
import { Icon } from '../../../ui/Icon';

export function InventoryAgeNote({ inventory }: { inventory: InventoryAge }) {
  if (inventory.stale) {
    const age = inventory.ageMinutes === null ? 'never synced' : `last synced ${inventory.ageMinutes} min ago`;
    return (
      <span className="inventory-age is-stale" data-testid="inventory-age" data-stale="true">
        <Icon name="alert" size={16} /> Stock may be out of date ({age})
      </span>
    );
  }
  return (
    <span className="inventory-age" data-testid="inventory-age" data-stale="false">
      <Icon name="clock" size={16} />
      {inventory.ageMinutes ? `Stock as of ${inventory.ageMinutes} min ago` : 'Stock is current'}
    </span>
  );
}
