// The manager's capture dashboard: which days, which store, whose registers, and the report.
// "All registers" is the hub's report (the manager's store, or the chain for a merchandiser),
// kept on the device so it still shows offline with its age; "This register" reads the replica.
import { create } from 'zustand';
import { api } from '../bridge';
import type { ApiErrorValue, CaptureReport, HubCaptureView } from '../../../core/contract/index';
import { followSessionLoss } from './sessionGuard';
import { useSessionStore } from './sessionStore';

export type RangePreset = 'today' | '7d' | '30d' | '90d';
export const PRESET_DAYS: Record<RangePreset, number> = { today: 1, '7d': 7, '30d': 30, '90d': 90 };
export type CaptureSource = 'hub' | 'register';

interface DashboardState {
  preset: RangePreset;
  /** null = every store in scope. */
  storeId: string | null;
  source: CaptureSource;
  report: CaptureReport | null;
  /** Where the hub's report stands (null while the register's own report is shown). */
  hub: Omit<HubCaptureView, 'report'> | null;
  /** This device has no hub: its replica is all there is, and there is nothing to choose between. */
  standalone: boolean;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiErrorValue | null;
  setPreset(preset: RangePreset): Promise<void>;
  setStore(storeId: string | null): Promise<void>;
  setSource(source: CaptureSource): Promise<void>;
  load(options?: { quiet?: boolean }): Promise<void>;
}

let latest = 0;

export const useDashboardStore = create<DashboardState>()((set, get) => ({
  preset: '30d',
  storeId: null,
  source: 'hub',
  report: null,
  hub: null,
  standalone: false,
  status: 'idle',
  error: null,

  async setPreset(preset) {
    set({ preset });
    await get().load();
  },

  async setStore(storeId) {
    set({ storeId });
    await get().load();
  },

  async setSource(source) {
    set({ source, storeId: null, report: null, hub: null });
    await get().load();
  },

  /** `quiet`: a re-read when the device status changed (a report may have landed), without the loading state. */
  async load(options = {}) {
    const request = ++latest;
    if (!options.quiet) set({ status: 'loading', error: null });
    const { preset, storeId, source } = get();
    const chainRole = useSessionStore.getState().session?.role === 'merchandiser';
    if (source === 'hub') {
      // A merchandiser sees the chain (or one store); a manager always their own store.
      const store = chainRole ? (storeId ?? '*') : undefined;
      const result = await api.call('analytics.captureHub', { days: PRESET_DAYS[preset], ...(store ? { store } : {}) });
      if (request !== latest) return;
      if (!result.ok) return fail(result.error);
      const { report, ...hub } = result.value;
      // A register with no hub has only its own checkouts to show.
      if (hub.connection === 'standalone' && !report && !chainRole) {
        set({ standalone: true });
        return get().setSource('register');
      }
      set({ report, hub, status: 'ready' });
      return;
    }
    // "Today" is the device's store calendar day, learned from the first report.
    const today = get().report?.today;
    const range = today ? { from: shiftDay(today, -(PRESET_DAYS[preset] - 1)), to: today } : {};
    let result = await api.call('analytics.capture', { ...range, storeId });
    if (result.ok && !today && preset !== '30d') {
      result = await api.call('analytics.capture', { from: shiftDay(result.value.today, -(PRESET_DAYS[preset] - 1)), to: result.value.today, storeId });
    }
    if (request !== latest) return;
    if (result.ok) set({ report: result.value, hub: null, status: 'ready' });
    else fail(result.error);

    function fail(error: ApiErrorValue) {
      set({ status: 'error', error });
      followSessionLoss(error);
    }
  },
}));

export function shiftDay(day: string, delta: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + delta * 86_400_000).toISOString().slice(0, 10);
}
