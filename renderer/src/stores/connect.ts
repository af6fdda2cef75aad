// Wires the stores to the device once at start-up: initial loads, pushed events, and
// the rule that customer data never outlives the session that looked it up.
import { api } from '../bridge';
import { useBasketStore } from './basketStore';
import { useCardStore } from './cardStore';
import { useDeviceStore } from './deviceStore';
import { useLookupStore } from './lookupStore';
import { useSessionStore } from './sessionStore';
import { useShellStore } from './shellStore';
import { useStartersStore } from './startersStore';
import { resetSearchWorkspace } from '../workspaces/associate/search/reset';

// Sync ages tick on our clock; a periodic refresh still catches changes no event announced.
const STATUS_REFRESH_MS = 60_000;

export function connectStores(): () => void {
  const unsubscribers = [
    api.on('session.changed', (session) => useSessionStore.getState().sessionChanged(session)),
    api.on('device.status', (status) => useDeviceStore.getState().apply(status)),
    api.on('app.state', (state) => useShellStore.getState().apply(state)),
    api.on('app.closeRequested', () => useShellStore.getState().askClose()),
    // The next person at this register must not see the last customer, their suggestions or basket.
    useSessionStore.subscribe((state, previous) => {
      if (previous.session && state.session?.staffId !== previous.session.staffId) {
        useLookupStore.getState().reset();
        useCardStore.getState().close();
        useStartersStore.getState().reset();
        useBasketStore.getState().clear();
        resetSearchWorkspace();
      }
    }),
  ];
  const timer = window.setInterval(() => void useDeviceStore.getState().refresh(), STATUS_REFRESH_MS);

  void useSessionStore.getState().start();
  void useDeviceStore.getState().refresh();
  void useShellStore.getState().refresh();

  return () => {
    window.clearInterval(timer);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
