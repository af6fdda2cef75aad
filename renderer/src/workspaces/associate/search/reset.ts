// The next person at the register starts with an empty search, no open item and no orders list.
import { useOrdersStore } from './ordersStore';
import { useSearchStore } from './searchStore';
import { useSheetStore } from './sheetStore';

export function resetSearchWorkspace(): void {
  useSearchStore.getState().reset();
  useSheetStore.getState().close();
  useOrdersStore.getState().reset();
}
